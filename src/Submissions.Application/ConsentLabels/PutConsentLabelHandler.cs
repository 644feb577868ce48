using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Http;
using Submissions.Domain;
using Submissions.Domain.Consent;
using Submissions.Storage.ConsentLabels;

namespace Submissions.Application.ConsentLabels;

/// <summary>PUT manage/consent-labels/{labelId}: create the label, or a new version when its content changed.</summary>
public sealed partial class PutConsentLabelHandler(
    ConsentLabelCatalog catalog,
    ConsentLabelStore store,
    IValidator<ConsentLabelDefinition> validator,
    FormStorageGuard guard,
    TimeProvider time,
    IOptions<FormOptions> formOptions,
    ILogger<PutConsentLabelHandler> logger)
{
    private const int MaxAttempts = 3;
    private static readonly StorageUnavailableAnswer Unavailable = new("Consent labels are temporarily unavailable.", "consent-labels.put");

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
        return await guard.ServeAsync(Unavailable, () => SaveAsync(labelId, definition, cancellationToken), cancellationToken);
    }

    /// <summary>Read the history, plan the change, apply it conditionally on what was read; a concurrent change re-plans.</summary>
    private async Task<IActionResult> SaveAsync(string labelId, ConsentLabelDefinition definition, CancellationToken cancellationToken)
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

        return Problems.Conflict(ProblemTypes.ConcurrentChange, "The label was changed concurrently.", "Another change to this label was saved first; retry the request.");
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Consent label {LabelId} saved as version {Version} ({Change})")]
    private static partial void LogLabelChanged(ILogger logger, string labelId, int version, ConsentLabelChangeKind change);
}
