using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Http;
using Submissions.Domain;
using Submissions.Domain.Partners;
using Submissions.Storage;
using Submissions.Storage.Partners;

namespace Submissions.Application.Partners;

public sealed record PartnerView(string PartnerId, string Name, string WebhookUrl, IReadOnlyList<string> Fields, bool Active, DateTimeOffset UpdatedAt)
{
    public static PartnerView From(PartnerEntity partner)
    {
        ArgumentNullException.ThrowIfNull(partner);
        return new(partner.PartitionKey, partner.Name, partner.WebhookUrl, partner.FieldList, partner.Active, partner.UpdatedAt);
    }
}

/// <summary>PUT manage/partners/{partnerId}: name, webhook URL (https outside Development), the fields the partner may receive.</summary>
public sealed partial class PartnersHandler(
    IValidator<PartnerDefinition> validator,
    PartnerStore store,
    IHostEnvironment environment,
    TimeProvider time,
    IOptions<FormOptions> formOptions,
    ILogger<PartnersHandler> logger)
{
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

        try
        {
            var partner = new PartnerEntity
            {
                PartitionKey = partnerId,
                Name = definition.Name!,
                WebhookUrl = definition.WebhookUrl!,
                Fields = string.Join(',', definition.Fields!.Distinct(StringComparer.Ordinal)),
                Active = definition.Active!.Value,
                UpdatedAt = time.GetUtcNow(),
            };
            var created = await store.UpsertAsync(partner, cancellationToken);
            LogSaved(logger, partnerId, partner.Active);
            return created ? ApiResult.Created(PartnerView.From(partner)) : ApiResult.Ok(PartnerView.From(partner));
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return Problems.ServiceUnavailable("The partner could not be saved.", TimeSpan.FromSeconds(formOptions.Value.RetryAfterSeconds));
        }
    }

    [LoggerMessage(EventId = 1801, Level = LogLevel.Information, Message = "Partner {PartnerId} saved (active {Active})")]
    private static partial void LogSaved(ILogger logger, string partnerId, bool active);
}
