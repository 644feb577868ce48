using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Http;
using Submissions.Domain;
using Submissions.Domain.Partners;
using Submissions.Storage.Partners;

namespace Submissions.Application.Partners;

/// <summary>PUT manage/partners/{partnerId}: name, webhook URL (https outside Development), the fields the partner may receive.</summary>
public sealed partial class PutPartnerHandler(
    IValidator<PartnerDefinition> validator,
    PartnerStore store,
    FormStorageGuard guard,
    IHostEnvironment environment,
    TimeProvider time,
    IOptions<FormOptions> formOptions,
    ILogger<PutPartnerHandler> logger)
{
    private static readonly StorageUnavailableAnswer Unavailable = new("The partner could not be saved.");

    public async Task<IActionResult> PutAsync(HttpRequest request, string partnerId, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(partnerId))
        {
            return Problems.InvalidId("partnerId");
        }

        var body = await AdminBody.ReadAsync(request, validator, formOptions.Value.MaxAdminBodyBytes, cancellationToken, (partner, errors) =>
        {
            if (partner.WebhookUrl is { } url && !environment.IsDevelopment() && !PartnerDefinitionValidator.IsHttps(url))
            {
                errors.Add("webhookUrl", "'webhookUrl' must use https outside Development.");
            }
        });
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var definition = body.Definition!;
        var partner = new PartnerContent(
            definition.Name!, definition.WebhookUrl!, [.. definition.Fields!.Distinct(StringComparer.Ordinal)], definition.Active!.Value);
        return await guard.ServeAsync(Unavailable, async () =>
        {
            var updatedAt = time.GetUtcNow();
            var created = await store.UpsertAsync(partnerId, partner, updatedAt, cancellationToken);
            LogSaved(logger, partnerId, partner.Active);
            var view = PartnerView.From(partnerId, partner, updatedAt);
            return created ? ApiResult.Created(view) : ApiResult.Ok(view);
        }, cancellationToken);
    }

    [LoggerMessage(EventId = 1801, Level = LogLevel.Information, Message = "Partner {PartnerId} saved (active {Active})")]
    private static partial void LogSaved(ILogger logger, string partnerId, bool active);
}
