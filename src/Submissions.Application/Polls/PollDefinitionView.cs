using Submissions.Storage.Polls;

namespace Submissions.Application.Polls;

/// <summary>An admin's view of a saved poll.</summary>
public sealed record PollDefinitionView(string PollId, string Question, IReadOnlyList<StoredPollOption> Options, string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static PollDefinitionView From(StoredPoll poll)
    {
        ArgumentNullException.ThrowIfNull(poll);
        return new(poll.PollId, poll.Question, poll.Options, poll.Status, poll.CreatedAt, poll.UpdatedAt);
    }
}
