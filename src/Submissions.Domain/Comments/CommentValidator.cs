using System.Text.RegularExpressions;
using FluentValidation;
using Submissions.Domain.Consent;
using Submissions.Domain.Validation;

namespace Submissions.Domain.Comments;

public sealed partial class CommentValidator : AbstractValidator<CommentRequest>
{
    public const int MaxTextLength = 2000;

    /// <summary>Page ids are the site's own slugs or ids; they become table keys, so the set is tight.</summary>
    public const string PageIdPattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\z";

    public static bool IsValidPageId(string? pageId) => pageId is not null && PageIdRegex().IsMatch(pageId);

    public CommentValidator()
    {
        RuleFor(request => request.PageId)
            .NotEmpty().WithMessage("'pageId' is required.")
            .Matches(PageIdPattern).WithMessage("'pageId' must be 1 to 128 letters, digits, '.', '_' or '-'.");
        PersonRules.DisplayName(RuleFor(request => request.DisplayName), "displayName");
        PersonRules.OptionalEmail(RuleFor(request => request.Email));
        RuleFor(request => request.Text)
            .NotEmpty().WithMessage("'text' is required.")
            .Must(text => text is null || text.Trim().Length > 0).WithMessage("'text' must not be blank.").WithErrorCode(FieldErrorCodes.Required)
            .WithVisibleCharacter()
            .MaximumLength(MaxTextLength).WithMessage($"'text' must be at most {MaxTextLength} characters.")
            .Must(text => text is null || !TextRules.ContainsControlCharacters(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal)))
            .WithMessage("'text' must be plain text: no control or bidirectional-override characters other than line breaks.")
            .WithErrorCode(FieldErrorCodes.ControlCharacter)
            .WithName("text");
        Include(new ConsentAnswersValidator<CommentRequest>());
    }

    [GeneratedRegex(PageIdPattern, RegexOptions.CultureInvariant)]
    private static partial Regex PageIdRegex();
}
