namespace Submissions.Storage.Polls;

/// <summary>A poll's vote totals per option id, recounted from its vote partitions at <paramref name="CountedAt"/>.</summary>
public sealed record RecountedVotes(IReadOnlyDictionary<string, long> Votes, DateTimeOffset CountedAt);
