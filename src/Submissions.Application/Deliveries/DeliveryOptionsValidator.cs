using Microsoft.Extensions.Options;

namespace Submissions.Application.Deliveries;

/// <summary>
/// What the webhook client's resilience pipeline and the outbox accept, checked at start-up so a bad value fails the
/// app there instead of every delivery later. Polly's timeouts take 10 ms to a day; the lease is the total timeout
/// + 10 s and must stay inside host.json's 2-minute queue visibility timeout. MaxRetries 0 means no in-process retry.
/// Messages name the setting, never its value.
/// </summary>
public sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    /// <summary>The longest total timeout: its lease (+10 s) stays inside the queue's 2-minute visibility timeout.</summary>
    public const double MaxTotalTimeoutSeconds = 100;

    /// <summary>More in-process retries than this cannot fit the total timeout usefully; the queue retries after.</summary>
    public const int MaxRetriesLimit = 10;

    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.TotalTimeoutSeconds is not (>= 0.01 and <= MaxTotalTimeoutSeconds))
        {
            failures.Add($"The app setting Delivery__TotalTimeoutSeconds must be between 0.01 and {MaxTotalTimeoutSeconds:0} seconds.");
        }

        if (options.AttemptTimeoutSeconds is not (>= 0.01 and <= MaxTotalTimeoutSeconds) || options.AttemptTimeoutSeconds > options.TotalTimeoutSeconds)
        {
            failures.Add("The app setting Delivery__AttemptTimeoutSeconds must be at least 0.01 seconds and at most Delivery__TotalTimeoutSeconds.");
        }

        if (options.MaxRetries is < 0 or > MaxRetriesLimit)
        {
            failures.Add($"The app setting Delivery__MaxRetries must be between 0 (no in-process retry) and {MaxRetriesLimit}.");
        }

        if (options.RetryBaseDelayMilliseconds < 0 || options.RetryBaseDelayMilliseconds > options.TotalTimeoutSeconds * 1000)
        {
            failures.Add("The app setting Delivery__RetryBaseDelayMilliseconds must be between 0 and Delivery__TotalTimeoutSeconds (in milliseconds).");
        }

        if (options.MaxRetryDelaySeconds is not >= 0 || options.MaxRetryDelaySeconds > options.TotalTimeoutSeconds)
        {
            failures.Add("The app setting Delivery__MaxRetryDelaySeconds must be between 0 and Delivery__TotalTimeoutSeconds.");
        }

        if (options.OutboxSweepAgeMinutes is not (>= 1 and <= 7 * 24 * 60))
        {
            failures.Add("The app setting Delivery__OutboxSweepAgeMinutes must be between 1 and 10080 (a week).");
        }

        if (!RetrySchedule.TryParse(options.RetrySchedule, out _))
        {
            failures.Add($"The app setting Delivery__RetrySchedule must list 1 to {RetrySchedule.MaxRetries} waits (TimeSpans such as 00:05:00, comma-separated), each from 0 to 6 days.");
        }

        if (options.PauseAfterFailures is < 1 or > 100_000)
        {
            failures.Add("The app setting Delivery__PauseAfterFailures must be between 1 and 100000.");
        }

        if (options.PauseAfterFailingMinutes is not (>= 0 and <= 30 * 24 * 60))
        {
            failures.Add("The app setting Delivery__PauseAfterFailingMinutes must be between 0 and 43200 (30 days).");
        }

        if (options.PausedRecheckMinutes is not (>= 0.01 and <= 24 * 60))
        {
            failures.Add("The app setting Delivery__PausedRecheckMinutes must be between 0.01 and 1440 (a day).");
        }

        if (options.HeldRecheckSeconds is not (>= 0 and <= 3600))
        {
            failures.Add("The app setting Delivery__HeldRecheckSeconds must be between 0 and 3600.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
