using System.ComponentModel;

namespace Submissions.Application.Polls;

/// <summary>A cache entry of the results route: a poll's results, or null for a poll that does not exist.</summary>
[ImmutableObject(true)]
public sealed record CachedPollResults(PollResultsResponse? Results);
