using Azure.Core;
using Azure.Core.Pipeline;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>An Azure SDK pipeline policy that counts storage round trips, so tests can hold the design to its cost.</summary>
public sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref count);

    /// <summary>Runs an action and returns how many storage requests it made.</summary>
    public async Task<int> CountAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var before = Count;
        await action();
        return Count - before;
    }
}
