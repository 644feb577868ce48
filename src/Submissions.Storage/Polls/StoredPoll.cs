using Azure;

namespace Submissions.Storage.Polls;

/// <summary>A poll as stored. Its version is opaque: a save that replaces it is conditional on the poll being unchanged.</summary>
public sealed record StoredPoll(
    string PollId, string Question, IReadOnlyList<StoredPollOption> Options, string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    internal ETag Version { get; init; }

    /// <summary>How many vote partitions its votes are spread over (<see cref="Polls.VotePartitions"/>).</summary>
    public int VotePartitions { get; init; } = Polls.VotePartitions.Count;

    /// <summary>Created before votes were spread: its own partition may hold votes (voter rows, tally shards) too.</summary>
    public bool HasLegacyVotes { get; init; }

    /// <summary>The totals as last recounted, if ever.</summary>
    public RecountedVotes? Totals { get; init; }

    /// <summary>When a results read last took on the recount.</summary>
    public DateTimeOffset? RecountClaimedAt { get; init; }

    /// <summary>The results as last published, if ever (a poll with legacy votes may keep them in meta~published instead).</summary>
    public PublishedPollResults? Published { get; init; }
}
