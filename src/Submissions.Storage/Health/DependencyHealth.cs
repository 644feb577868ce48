namespace Submissions.Storage.Health;

/// <summary>
/// One dependency's answer to a health probe, named as the health report shows it (e.g. "storage"). When unhealthy:
/// the error status storage answered with (0 when no answer came, a timeout) and the kind of failure (the exception
/// type's name) — safe to log, neither carries request data.
/// </summary>
public sealed record DependencyHealth(string Dependency, bool Healthy, int Status = 0, string? Failure = null);
