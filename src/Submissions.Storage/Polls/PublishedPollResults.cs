using Azure;

namespace Submissions.Storage.Polls;

/// <summary>The results as last published: counts per option and their total. Its version makes the next publication conditional.</summary>
public sealed record PublishedPollResults(IReadOnlyDictionary<string, long> Counts, long TotalVotes, DateTimeOffset PublishedAt)
{
    internal ETag Version { get; init; }
}
