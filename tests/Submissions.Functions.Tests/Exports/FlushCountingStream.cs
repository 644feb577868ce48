namespace Submissions.Functions.Tests.Exports;

/// <summary>A response body that counts flushes — each one is a page sent — and can run something on the first.</summary>
public sealed class FlushCountingStream(Func<Task>? onFirstFlush = null) : MemoryStream
{
    public int Flushes { get; private set; }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        Flushes++;
        if (Flushes == 1 && onFirstFlush is not null)
        {
            await onFirstFlush();
        }

        await base.FlushAsync(cancellationToken);
    }
}
