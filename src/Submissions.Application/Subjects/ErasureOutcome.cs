namespace Submissions.Application.Subjects;

/// <summary>
/// One erasure request's outcome: the report, or — <see cref="Report"/> null — another erasure of the person is running
/// and may hold them for <see cref="BusyFor"/> more; nothing was done.
/// </summary>
public sealed record ErasureOutcome(ErasureReport? Report, TimeSpan BusyFor);
