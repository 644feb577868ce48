using Azure.Core;
using Azure.Core.Pipeline;

namespace Submissions.Benchmarks.Accounting;

/// <summary>
/// `--StorageDelayMs`: a fixed wait before every storage request (per retry, inside the accounting's timing), so a run
/// shows what round trips and sequential stages cost where storage is a few milliseconds away rather than on loopback.
/// </summary>
internal sealed class StorageDelay(TimeSpan delay) : HttpPipelinePolicy
{
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await Task.Delay(delay, message.CancellationToken);
        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Thread.Sleep(delay);
        ProcessNext(message, pipeline);
    }
}
