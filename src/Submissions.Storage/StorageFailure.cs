using Azure;

namespace Submissions.Storage;

/// <summary>
/// Recognises a storage failure as the Azure SDK reports it: a <see cref="RequestFailedException"/>, or, once its
/// retries are spent on network errors, an <see cref="AggregateException"/> of them.
/// </summary>
public static class StorageFailure
{
    public static bool Is(Exception exception) => Unwrap(exception) is not null;

    /// <summary>The status (0 when no response arrived) and error code, safe to log: neither carries request data.</summary>
    public static (int Status, string? ErrorCode) Describe(Exception exception)
    {
        var failure = Unwrap(exception);
        return (failure?.Status ?? 0, failure?.ErrorCode);
    }

    private static RequestFailedException? Unwrap(Exception exception) => exception switch
    {
        RequestFailedException failed => failed,
        AggregateException aggregate when aggregate.InnerExceptions.All(inner => inner is RequestFailedException) =>
            aggregate.InnerExceptions.OfType<RequestFailedException>().LastOrDefault(),
        _ => null,
    };
}
