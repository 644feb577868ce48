using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Http;
using Submissions.Application.Promotions;
using Submissions.Domain;
using Submissions.Domain.Consent;
using Submissions.Domain.Forms;
using Submissions.Storage;
using Submissions.Storage.ConsentLabels;
using Submissions.Storage.Promotions;

namespace Submissions.Application.ConsentLabels;

public sealed partial class ConsentLabelsHandler(
    ConsentLabelCatalog catalog,
    ConsentLabelStore store,
    PromotionStore promotions,
    IValidator<ConsentLabelDefinition> validator,
    TimeProvider time,
    IOptions<FormOptions> formOptions,
    ILogger<ConsentLabelsHandler> logger)
{
    private const int MaxAttempts = 3;

    /// <summary>
    /// GET consent-labels?form=[&amp;promotionId=]: the active labels a form must show; for one promotion, its general
    /// labels and only its own partner's sharing labels.
    /// </summary>
    public async Task<IActionResult> GetForFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? form = request.Query["form"];
        if (!FormKind.IsKnown(form))
        {
            return Problems.ValidationFailed("form", $"'form' must be one of: {string.Join(", ", FormKind.All)}.");
        }

        string? promotionId = request.Query["promotionId"];
        if (promotionId is not null && (form != FormKind.Promotion || !Identifiers.IsValid(promotionId)))
        {
            return Problems.ValidationFailed("promotionId", "'promotionId' applies to form=promotion and must be a promotion id.");
        }

        try
        {
            var all = await catalog.GetAsync(cancellationToken);
            var labels = form == FormKind.Promotion ? PromotionLabels.General(all) : all.ActiveFor(form!);
            if (promotionId is not null)
            {
                if (await promotions.GetAsync(promotionId, cancellationToken) is not { } promotion)
                {
                    return Problems.NotFound("No such promotion.");
                }

                labels = PromotionLabels.For(all, promotion);
            }

            return ApiResult.Ok(new FormConsentLabelsResponse(form!, [.. labels.Select(FormConsentLabelView.From)]))
                .WithHeader("Cache-Control", $"public, max-age={ConsentCatalogOptions.BrowserCacheSeconds}");
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            var (status, errorCode) = StorageFailure.Describe(ex);
            LogStorageUnavailable(logger, "consent-labels.get", status, errorCode);
            return Problems.ServiceUnavailable("Consent labels are temporarily unavailable.", TimeSpan.FromSeconds(formOptions.Value.RetryAfterSeconds));
        }
    }

    /// <summary>PUT manage/consent-labels/{labelId}: create the label, or a new version when its content changed.</summary>
    public async Task<IActionResult> PutAsync(HttpRequest request, string labelId, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(labelId))
        {
            return Problems.InvalidId("labelId");
        }

        var body = await AdminBody.ReadAsync(request, validator, formOptions.Value.MaxAdminBodyBytes, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var definition = body.Definition!;

        try
        {
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var history = await store.GetHistoryAsync(labelId, cancellationToken);
                var change = ConsentLabelVersioning.Plan(labelId, history.Versions, definition, time.GetUtcNow());
                if (!await store.TryApplyAsync(change, history, cancellationToken))
                {
                    continue;
                }

                catalog.Invalidate();
                LogLabelChanged(logger, labelId, change.Label.Version, change.Kind);
                var view = ConsentLabelVersionView.From(change.Label, change.Superseded);
                return change.Kind is ConsentLabelChangeKind.Created or ConsentLabelChangeKind.NewVersion
                    ? ApiResult.Created(view).WithHeader("Location", $"/api/manage/consent-labels/{labelId}")
                    : ApiResult.Ok(view);
            }

            return Problems.Conflict("The label was changed concurrently.", "Another change to this label was saved first; retry the request.");
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            var (status, errorCode) = StorageFailure.Describe(ex);
            LogStorageUnavailable(logger, "consent-labels.put", status, errorCode);
            return Problems.ServiceUnavailable("Consent labels are temporarily unavailable.", TimeSpan.FromSeconds(formOptions.Value.RetryAfterSeconds));
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Consent label {LabelId} saved as version {Version} ({Change})")]
    private static partial void LogLabelChanged(ILogger logger, string labelId, int version, ConsentLabelChangeKind change);

    [LoggerMessage(EventId = 1190, Level = LogLevel.Error, Message = "Storage unavailable during {Operation}: status {Status}, error code {ErrorCode}")]
    private static partial void LogStorageUnavailable(ILogger logger, string operation, int status, string? errorCode);
}
