using System.ComponentModel;
using Submissions.Storage.Polls;

namespace Submissions.Application.Polls;

/// <summary>What the vote form checks a vote against: the poll's status, its option ids and where its votes go.</summary>
[ImmutableObject(true)]
public sealed record PollRules(string PollId, string Status, IReadOnlyList<string> OptionIds, int VotePartitions, bool HasLegacyVotes)
{
    public static PollRules From(StoredPoll poll)
    {
        ArgumentNullException.ThrowIfNull(poll);
        return new(poll.PollId, poll.Status, [.. poll.Options.Select(option => option.OptionId)], poll.VotePartitions, poll.HasLegacyVotes);
    }
}
