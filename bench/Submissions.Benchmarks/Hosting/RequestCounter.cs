using Azure.Core;
using Azure.Core.Pipeline;

namespace Submissions.Benchmarks.Hosting;

/// <summary>
/// An Azure SDK pipeline policy, added per retry, that counts every HTTP request the app's storage clients send (table
/// and queue, retries included): the storage round trips an operation costs, whatever the emulator's speed.
/// </summary>
internal sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private long count;

    public long Count => Interlocked.Read(ref count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref count);
}
