using Azure;

namespace Submissions.Storage;

/// <summary>
/// Recognises a storage failure as the Azure SDK reports it: a <see cref="RequestFailedException"/> (an error
/// response, or no response at all), a timeout (<see cref="OperationCanceledException"/> that the caller did not ask
/// for), or, once the SDK's retries are spent, an <see cref="AggregateException"/> of those.
/// </summary>
public static class StorageFailure
{
    /// <param name="exception">What the storage call threw.</param>
    /// <param name="callerToken">The caller's token: a cancellation it requested is not a storage failure.</param>
    public static bool Is(Exception exception, CancellationToken callerToken) => exception switch
    {
        RequestFailedException => true,
        OperationCanceledException => !callerToken.IsCancellationRequested,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(inner => Is(inner, callerToken)),
        _ => false,
    };

    /// <summary>The status (0 when no response arrived) and error code, safe to log: neither carries request data.</summary>
    public static (int Status, string? ErrorCode) Describe(Exception exception)
    {
        var failure = exception switch
        {
            RequestFailedException failed => failed,
            AggregateException aggregate => aggregate.InnerExceptions.OfType<RequestFailedException>().LastOrDefault(),
            _ => null,
        };
        return failure is null ? (0, exception is OperationCanceledException or AggregateException ? "Timeout" : null) : (failure.Status, failure.ErrorCode);
    }
}
