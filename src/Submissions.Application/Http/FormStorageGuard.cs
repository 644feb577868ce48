using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Storage;
using Submissions.Storage.Idempotency;

namespace Submissions.Application.Http;

/// <summary>
/// Where a storage failure becomes an answer, for every form's submissions, reads and admin writes: the use case runs
/// its storage work through here, so no handler catches storage exceptions itself and all 503s say the same things.
/// </summary>
public sealed partial class FormStorageGuard(IOptions<FormOptions> options, ILogger<FormStorageGuard> logger)
{
    private TimeSpan RetryAfter => TimeSpan.FromSeconds(options.Value.RetryAfterSeconds);

    /// <summary>A read or an admin write of a form's data: nothing about a submission is in doubt.</summary>
    public Task<IActionResult> ServeAsync(string form, Func<Task<IActionResult>> work, CancellationToken cancellationToken) =>
        RunAsync(work, exception =>
        {
            LogFailure(form, exception);
            return Problems.ServiceUnavailable($"The {form} service is temporarily unavailable.", RetryAfter);
        }, cancellationToken);

    /// <summary>A read or an admin write that answers a storage failure in its own words.</summary>
    public Task<IActionResult> ServeAsync(StorageUnavailableAnswer answer, Func<Task<IActionResult>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return RunAsync(work, exception =>
        {
            if (answer.Operation is { } operation)
            {
                var (status, errorCode) = StorageFailure.Describe(exception);
                LogOperationFailed(logger, operation, status, errorCode);
            }

            return Problems.ServiceUnavailable(answer.Title, RetryAfter);
        }, cancellationToken);
    }

    /// <summary>
    /// A submission. Its transaction may have committed with only the answer lost, so the client is told it may be
    /// stored — and, only when it sent an Idempotency-Key, that retrying cannot store it twice.
    /// </summary>
    public Task<IActionResult> SubmitAsync(string form, IdempotencyClaim? claim, Func<Task<IActionResult>> work, CancellationToken cancellationToken) =>
        RunAsync(work, exception =>
        {
            LogFailure(form, exception);
            return Problems.ServiceUnavailable(
                $"The {form} could not be confirmed as stored.",
                RetryAfter,
                claim is null
                    ? "Storage did not answer, so it may or may not have been stored. Retry later; send an Idempotency-Key with submissions so that a retry is never stored twice."
                    : "Storage did not answer, so it may or may not have been stored. Retry later with the same Idempotency-Key: a retry with it is never stored twice.");
        }, cancellationToken);

    /// <summary>
    /// Best effort, for work whose failure changes no answer (a queue message the outbox sweep re-sends): a storage
    /// failure is handed to <paramref name="failed"/> with its status, never thrown.
    /// </summary>
    public static async Task TryAsync(Func<Task> work, Action<int> failed)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(failed);
        try
        {
            await work();
        }
        catch (Exception ex) when (StorageFailure.Is(ex, CancellationToken.None))
        {
            failed(StorageFailure.Describe(ex).Status);
        }
    }

    private static async Task<IActionResult> RunAsync(Func<Task<IActionResult>> work, Func<Exception, IActionResult> unavailable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await work();
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return unavailable(ex);
        }
    }

    private void LogFailure(string form, Exception exception)
    {
        var (status, errorCode) = StorageFailure.Describe(exception);
        LogStorageUnavailable(logger, form, status, errorCode);
    }

    [LoggerMessage(EventId = 1090, Level = LogLevel.Error, Message = "Storage unavailable while storing a {Form} submission: status {Status}, error code {ErrorCode}")]
    private static partial void LogStorageUnavailable(ILogger logger, string form, int status, string? errorCode);

    [LoggerMessage(EventId = 1190, Level = LogLevel.Error, Message = "Storage unavailable during {Operation}: status {Status}, error code {ErrorCode}")]
    private static partial void LogOperationFailed(ILogger logger, string operation, int status, string? errorCode);
}
