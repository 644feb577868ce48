namespace Submissions.Application.Health;

/// <summary>Bound from "Health".</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>How long the storage probe may take before the app reports itself unhealthy.</summary>
    public double TimeoutSeconds { get; set; } = 5;
}
