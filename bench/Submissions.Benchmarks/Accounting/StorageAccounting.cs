using Azure.Core;
using Azure.Core.Pipeline;

namespace Submissions.Benchmarks.Accounting;

/// <summary>
/// An Azure SDK pipeline policy, added per retry, that counts every HTTP request the app's storage clients send (table,
/// queue and blob, retries included) and, for the operation the request belongs to (an <see cref="OperationScope"/>
/// flowing with the call's async context), when it started and ended — so sequential stages can be told from requests
/// sent together — and which entities of which (table, partition) it read or wrote, from its URL, its body (an insert,
/// an entity-group transaction) or, for a query, the entities its buffered answer returned.
/// </summary>
internal sealed class StorageAccounting : HttpPipelinePolicy
{
    private static readonly AsyncLocal<OperationScope?> Current = new();
    private long count;

    /// <summary>Every storage request so far, whatever operation (or none) sent it.</summary>
    public long Count => Interlocked.Read(ref count);

    /// <summary>Opens the scope every request of the calling async flow is charged to until it is disposed.</summary>
    public static OperationScope Begin(StorageTally tally)
    {
        var scope = new OperationScope(tally);
        Current.Value = scope;
        return scope;
    }

    /// <summary>Clears the calling flow's scope (the one set by <see cref="Begin"/> in the same async method).</summary>
    public static void Leave() => Current.Value = null;

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var (scope, shape) = Started(message);
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            Ended(message, scope, shape);
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var (scope, shape) = Started(message);
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Ended(message, scope, shape);
        }
    }

    private (OperationScope? Scope, RequestShape? Shape) Started(HttpMessage message)
    {
        Interlocked.Increment(ref count);

        // A request from work an operation left running after it ended (a background refresh) is counted, not charged.
        if (Current.Value is not { IsOpen: true } scope)
        {
            return (null, null);
        }

        scope.RequestStarted();
        return (scope, RequestShape.Of(message.Request));
    }

    private static void Ended(HttpMessage message, OperationScope? scope, RequestShape? shape)
    {
        if (scope is null || shape is null)
        {
            return;
        }

        var (touches, returned) = shape.Kind == RequestKind.Query && message.HasResponse
            ? QueryAnswer.EntitiesByPartition(message.Response, shape)
            : (shape.Touches, 0);
        scope.RequestEnded(shape.Kind, touches, returned, shape.Kind == RequestKind.Query ? (shape.Table, shape.Filter ?? string.Empty) : null);
    }
}
