using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Audit;
using Submissions.Application.Http;
using Submissions.Application.Subjects;
using Submissions.Domain.Forms;
using Submissions.Domain.Statistics;
using Submissions.Storage;
using Submissions.Storage.Statistics;

namespace Submissions.Application.Statistics;

/// <summary>
/// GET manage/stats?from=&amp;to=: aggregates only, with small-count suppression. It reads tables that hold personal
/// data (selecting count columns only), so each call is audited like any other admin read, with its range.
/// </summary>
public sealed partial class StatisticsHandler(
    StatisticsReader reader,
    AdminAudit audit,
    IOptions<StatisticsOptions> options,
    IOptions<FormOptions> formOptions,
    TimeProvider time,
    ILogger<StatisticsHandler> logger)
{
    /// <summary>Receipts of these forms are withdrawals, not submissions.</summary>
    private static readonly IReadOnlyList<string> WithdrawalForms = ConsentWithdrawal.WithdrawalForms;

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
            var stored = await reader.ReadAsync(range.Start, range.End, FormKind.All, cancellationToken);
            var report = StatisticsPublisher.Publish(Counts(range, stored), new SmallCountSuppression(settings.MinimumCount));
            await audit.RecordAsync(request, "statistics", range.Scope, null, 0, cancellationToken);
            LogPublished(logger, range.To.DayNumber - range.From.DayNumber);
            return ApiResult.Ok(StatisticsResponse.Of(report)).WithHeader("Cache-Control", "no-store");
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            var (status, errorCode) = StorageFailure.Describe(ex);
            LogStorageUnavailable(logger, status, errorCode);
            return Problems.ServiceUnavailable("Statistics are temporarily unavailable.", TimeSpan.FromSeconds(formOptions.Value.RetryAfterSeconds));
        }
    }

    private static StatisticsCounts Counts(StatisticsRange range, StoredCounts stored)
    {
        var byForm = stored.ReceiptsByForm;
        var withdrawals = WithdrawalForms
            .SelectMany(form => byForm.GetValueOrDefault(form) ?? [])
            .GroupBy(pair => pair.Key)
            .ToDictionary(group => group.Key, group => group.Sum(pair => pair.Value));

        // Every defined promotion is listed, whatever the range: listing only those with an entry in it (by their current
        // dates) would say "at least one" about a count that is suppressed.
        var promotions = stored.Promotions
            .Select(promotion => new PromotionCounts(
                promotion.PromotionId,
                promotion.StartsAt,
                promotion.EndsAt,
                stored.EntriesByPromotion.GetValueOrDefault(promotion.PromotionId) ?? [],
                promotion.DeliveriesByStatus.ToDictionary(pair => pair.Key, pair => (IReadOnlyDictionary<DateOnly, long>)pair.Value, StringComparer.Ordinal)))
            .ToList();

        var labels = stored.LabelForms.Keys.Union(stored.Answers.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var consents = labels.Select(labelId =>
        {
            var answers = stored.Answers.GetValueOrDefault(labelId);
            var forms = (stored.LabelForms.GetValueOrDefault(labelId) ?? new HashSet<string>())
                .Where(FormKind.IsKnown)
                .Union(answers?.Forms ?? [], StringComparer.Ordinal)
                .ToList();
            var byDay = answers is null
                ? []
                : answers.Granted.Keys.Union(answers.Declined.Keys).ToDictionary(
                    day => day,
                    day => new AnswerCounts(answers.Granted.GetValueOrDefault(day), answers.Declined.GetValueOrDefault(day)));
            return new ConsentCounts(labelId, byDay, forms);
        }).ToList();

        return new StatisticsCounts(
            range.From,
            range.To,
            FormKind.All.ToDictionary(form => form, form => (IReadOnlyDictionary<DateOnly, long>)(byForm.GetValueOrDefault(form) ?? []), StringComparer.Ordinal),
            withdrawals,
            stored.Polls,
            promotions,
            consents);
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Statistics published for a range of {Days} days")]
    private static partial void LogPublished(ILogger logger, int days);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Statistics read failed on storage (status {Status}, {ErrorCode})")]
    private static partial void LogStorageUnavailable(ILogger logger, int status, string? errorCode);
}
