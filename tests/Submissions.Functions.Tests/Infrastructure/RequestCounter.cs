using Azure.Core;
using Azure.Core.Pipeline;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>An Azure SDK pipeline policy that counts storage round trips, so tests can hold the design to its cost.</summary>
public sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private int count;
    private int writes;
    private int retries;

    public int Count => Volatile.Read(ref count);

    /// <summary>The requests that can change data: all but GET and HEAD (table reads and queries are GETs).</summary>
    public int Writes => Volatile.Read(ref writes);

    /// <summary>The requests that were the SDK's retries of one that failed or timed out (a busy shared Azurite).</summary>
    public int Retries => Volatile.Read(ref retries);

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Interlocked.Increment(ref count);
        if (message.ProcessingContext.RetryNumber > 0)
        {
            Interlocked.Increment(ref retries);
        }

        if (message.Request.Method != RequestMethod.Get && message.Request.Method != RequestMethod.Head)
        {
            Interlocked.Increment(ref writes);
        }
    }

    /// <summary>Runs an action and returns how many storage requests it made.</summary>
    public async Task<int> CountAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var before = Count;
        await action();
        return Count - before;
    }

    /// <summary>
    /// Runs an action and returns how many storage requests it made, its SDK retries left out: the design's round trips,
    /// for an action of many parallel requests that a busy shared Azurite may time out and the SDK send again.
    /// </summary>
    public async Task<int> CountFirstAttemptsAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var (before, retriedBefore) = (Count, Retries);
        await action();
        return (Count - before) - (Retries - retriedBefore);
    }
}
