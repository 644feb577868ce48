using FluentValidation;
using Submissions.Domain.Validation;

namespace Submissions.Domain.Partners;

public sealed class PartnerDefinitionValidator : AbstractValidator<PartnerDefinition>
{
    public const string FieldNamePattern = "^[a-zA-Z][a-zA-Z0-9]{0,63}(\\.[a-zA-Z][a-zA-Z0-9]{0,63})?\\z";

    public PartnerDefinitionValidator()
    {
        RuleFor(partner => partner.Name)
            .NotEmpty().WithMessage("'name' is required.")
            .MaximumLength(100).WithMessage("'name' must be at most 100 characters.")
            .WithoutControlCharacters().WithName("name");
        RuleFor(partner => partner.WebhookUrl)
            .NotEmpty().WithMessage("'webhookUrl' is required.")
            .Must(url => url is null || IsWebUrl(url))
            .WithMessage("'webhookUrl' must be an absolute http or https URL without credentials.").WithErrorCode(FieldErrorCodes.InvalidFormat);
        RuleFor(partner => partner.Fields)
            .NotNull().WithMessage("'fields' must list the data fields the partner may receive (it may be empty).")
            .Must(fields => fields is null || fields.Count <= 32).WithMessage("'fields' may list at most 32 fields.").WithErrorCode(FieldErrorCodes.TooLong);
        RuleForEach(partner => partner.Fields)
            .NotNull().WithMessage("A field must be a field name, not null.").WithErrorCode(FieldErrorCodes.NullNotAllowed)
            .Matches(FieldNamePattern).WithMessage("Each field must be a field name such as 'email' or 'name'.");
        RuleFor(partner => partner.Active)
            .NotNull().WithMessage("'active' must be true or false.");
        RuleFor(partner => partner.SigningSecret)
            .Null().WithMessage("A partner's signing secret is configured as Partners__{partnerId, dashes as underscores}__SigningSecret (Key Vault), never sent in a request.");
    }

    /// <summary>Outside Development only https is accepted; the handler applies that, since it knows the environment.</summary>
    public static bool IsHttps(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    private static bool IsWebUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.UserInfo)
        && url.Length <= 2048;
}
