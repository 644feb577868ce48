using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Audit;
using Submissions.Application.Http;
using Submissions.Domain.Statistics;
using Submissions.Storage;
using Submissions.Storage.Statistics;

namespace Submissions.Application.Statistics;

/// <summary>
/// GET manage/stats?from=&amp;to=: aggregates only, with small-count suppression, from the daily roll-ups of the
/// range's finished days (<see cref="StatisticsRollUp"/>): at most two year partitions, the roll-up state and the
/// catalog's labels — four round trips at most, whatever the data. Each call is audited like any other admin read of
/// what was derived from personal data, with its range.
/// </summary>
public sealed partial class StatisticsHandler(
    DailyStatisticsStore store,
    AdminAudit audit,
    IOptions<StatisticsOptions> options,
    IOptions<FormOptions> formOptions,
    TimeProvider time,
    ILogger<StatisticsHandler> logger)
{
    public async Task<IActionResult> GetAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        var (range, errors) = StatisticsRange.Parse(request.Query, settings.MaxRangeDays, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (range is null)
        {
            return Problems.ValidationFailed(errors!);
        }

        try
        {
            var stored = await store.ReadAsync(range.From, range.To, cancellationToken);
            var report = StatisticsPublisher.Publish(RollUpCounts.Of(range, stored), new SmallCountSuppression(settings.MinimumCount));
            var counted = stored.Days.Select(day => day.Day).ToHashSet();
            var notCounted = Enumerable.Range(0, range.To.DayNumber - range.From.DayNumber).Select(range.From.AddDays).Where(day => !counted.Contains(day)).ToList();
            await audit.RecordAsync(request, "statistics", range.Scope, null, 0, cancellationToken);
            LogPublished(logger, range.To.DayNumber - range.From.DayNumber, counted.Count);
            return ApiResult.Ok(StatisticsResponse.Of(report, notCounted)).WithHeader("Cache-Control", "no-store");
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            var (status, errorCode) = StorageFailure.Describe(ex);
            LogStorageUnavailable(logger, status, errorCode);
            return Problems.ServiceUnavailable("Statistics are temporarily unavailable.", TimeSpan.FromSeconds(formOptions.Value.RetryAfterSeconds));
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Statistics published for a range of {Days} days, {Counted} of them rolled up")]
    private static partial void LogPublished(ILogger logger, int days, int counted);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Statistics read failed on storage (status {Status}, {ErrorCode})")]
    private static partial void LogStorageUnavailable(ILogger logger, int status, string? errorCode);
}
