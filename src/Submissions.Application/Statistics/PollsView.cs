namespace Submissions.Application.Statistics;

/// <summary>
/// Votes cast in the requested range, counted per UTC day like every other ranged number (not the live all-time
/// tallies, which would give a day, or one vote, away between two reads).
/// </summary>
public sealed record PollsView(string Scope, string Note, IReadOnlyList<PollView> Polls);
