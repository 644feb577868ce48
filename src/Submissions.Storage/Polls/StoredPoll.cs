using Azure;

namespace Submissions.Storage.Polls;

/// <summary>A poll as stored. Its version is opaque: a save that replaces it is conditional on the poll being unchanged.</summary>
public sealed record StoredPoll(
    string PollId, string Question, IReadOnlyList<StoredPollOption> Options, string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    internal ETag Version { get; init; }
}
