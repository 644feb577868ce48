using System.ComponentModel;

namespace Submissions.Application.Polls;

/// <summary>
/// A cache entry of the results route: a poll's results, or null for a poll that does not exist, and when the load that
/// produced it began — what the response's Cache-Control max-age counts down from.
/// </summary>
[ImmutableObject(true)]
public sealed record CachedPollResults(PollResultsResponse? Results, DateTimeOffset LoadedAt);
