using Submissions.Application.Forms;
using Submissions.Storage.Polls;

namespace Submissions.Application.Polls;

public sealed record PollView(string PollId, string Question, IReadOnlyList<StoredPollOption> Options, string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static PollView From(PollEntity poll)
    {
        ArgumentNullException.ThrowIfNull(poll);
        return new(poll.PartitionKey, poll.Question, poll.Options, poll.Status, poll.CreatedAt, poll.UpdatedAt);
    }
}

public sealed record VoteResponse(string Id, string PollId, string OptionId, ConsentReceiptView Receipt);

public sealed record PollResultOption(string OptionId, string Text, long Votes);

public sealed record PollResultsResponse(string PollId, string Question, string Status, IReadOnlyList<PollResultOption> Options, long TotalVotes);
