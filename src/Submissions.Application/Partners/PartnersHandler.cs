using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Http;
using Submissions.Domain.Consent;
using Submissions.Domain.Partners;
using Submissions.Domain.Validation;
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
        if (!PartnerIdRegex().IsMatch(partnerId))
        {
            return Problems.ValidationFailed("partnerId", "'partnerId' must be 2 to 64 lower-case letters, digits or dashes.");
        }

        var body = await JsonBodyReader.ReadAsync<PartnerDefinition>(request, formOptions.Value.MaxAdminBodyBytes, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var definition = body.Value!;
        var errors = (await validator.ValidateAsync(definition, cancellationToken)).ToFieldErrors();
        if (definition.WebhookUrl is { } url && !environment.IsDevelopment() && !PartnerDefinitionValidator.IsHttps(url))
        {
            errors.Add("webhookUrl", "'webhookUrl' must use https outside Development.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.ValidationFailed(errors);
        }

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

    [GeneratedRegex(ConsentAnswerRules.LabelIdPattern, RegexOptions.CultureInvariant)]
    private static partial Regex PartnerIdRegex();

    [LoggerMessage(EventId = 1801, Level = LogLevel.Information, Message = "Partner {PartnerId} saved (active {Active})")]
    private static partial void LogSaved(ILogger logger, string partnerId, bool active);
}
