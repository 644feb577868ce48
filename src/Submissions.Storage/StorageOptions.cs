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

    /// <summary>
    /// How long one storage request may take. A form request waits on storage, so a hung connection must fail over
    /// to a retry, and then to a 503, well inside the front end's HTTP timeout.
    /// </summary>
    public double NetworkTimeoutSeconds { get; set; } = 5;

    /// <summary>Retries after the first attempt, with short exponential backoff (0.2 s doubling, at most 2 s).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// Whether the app creates its tables and queues at start-up. Unset: only in Development (Azurite, tests, the run
    /// command). A deployment provisions them (infra/main.bicep), so no production instance pays those round trips.
    /// </summary>
    public bool? CreateOnStart { get; set; }
}
