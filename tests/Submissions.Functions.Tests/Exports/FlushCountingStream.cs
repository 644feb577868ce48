namespace Submissions.Functions.Tests.Exports;

/// <summary>
/// A response body that records where each flush fell — each one is a page sent — and can run something on the first.
/// </summary>
public sealed class FlushCountingStream(Func<Task>? onFirstFlush = null) : MemoryStream
{
    private readonly List<long> flushedAt = [];

    public int Flushes => flushedAt.Count;

    /// <summary>The bytes sent by each flush, in order.</summary>
    public IReadOnlyList<long> Chunks => [.. flushedAt.Select((end, i) => end - (i == 0 ? 0 : flushedAt[i - 1]))];

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        flushedAt.Add(Length);
        if (Flushes == 1 && onFirstFlush is not null)
        {
            await onFirstFlush();
        }

        await base.FlushAsync(cancellationToken);
    }
}
