namespace Submissions.LocalHost.Settings;

/// <summary>
/// host.json's extensions.queues, with the Functions host's defaults for what it leaves out: how many messages are
/// fetched at once, when the next batch is fetched, how often a message is tried before it is poison, how long a failed
/// message stays invisible before its retry, the longest wait between polls of an empty queue, and whether messages are Base64 (the host's default).
/// </summary>
internal sealed record QueueTriggerOptions(
    int BatchSize = 16,
    int NewBatchThreshold = 8,
    int MaxDequeueCount = 5,
    TimeSpan VisibilityTimeout = default,
    TimeSpan MaxPollingInterval = default,
    bool Base64Messages = true)
{
    /// <summary>The host's first wait after an empty poll, doubled up to <see cref="MaxPollingInterval"/>.</summary>
    public static TimeSpan MinPollingInterval { get; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a message being processed stays invisible to other receivers (the host's message lease).</summary>
    public static TimeSpan MessageLease { get; } = TimeSpan.FromMinutes(10);
}
