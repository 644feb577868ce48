namespace Submissions.Storage;

/// <summary>Bound from the "Storage" configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// Prepended to every table name. Empty in deployments; tests give each app instance its own prefix so they can
    /// share one Azurite and run in parallel.
    /// </summary>
    public string TablePrefix { get; set; } = string.Empty;
}
