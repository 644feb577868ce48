namespace Submissions.Storage.Polls;

public enum VoteRefusal
{
    None,
    PollNotFound,
    PollClosed,
    UnknownOption,
}
