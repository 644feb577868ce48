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

/// <summary>An option and its published votes (absent until the poll's results are first published).</summary>
public sealed record PollResultOption(string OptionId, string Text, long? Votes);

/// <summary>
/// The published results: they change only in steps of at least <paramref name="ResultsStep"/> votes, and are absent
/// (no <c>votes</c>, no <c>totalVotes</c>) until that many votes were cast.
/// </summary>
public sealed record PollResultsResponse(
    string PollId, string Question, string Status, IReadOnlyList<PollResultOption> Options, long? TotalVotes, int ResultsStep, DateTimeOffset? PublishedAt);
