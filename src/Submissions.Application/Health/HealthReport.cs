namespace Submissions.Application.Health;

/// <summary>The health answer: "healthy" and each dependency checked.</summary>
public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks);
