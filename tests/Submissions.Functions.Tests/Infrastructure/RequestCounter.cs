using Azure.Core;
using Azure.Core.Pipeline;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>An Azure SDK pipeline policy that counts storage round trips, so tests can hold the design to its cost.</summary>
public sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private int count;
    private int writes;

    public int Count => Volatile.Read(ref count);

    /// <summary>The requests that can change data: all but GET and HEAD (table reads and queries are GETs).</summary>
    public int Writes => Volatile.Read(ref writes);

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Interlocked.Increment(ref count);
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
}
