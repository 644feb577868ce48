using Microsoft.Extensions.Options;

namespace Submissions.Application.Retention;

/// <summary>A zero or negative period would purge records on the day they are written.</summary>
public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options is not { UnmoderatedCommentDays: > 0, PromotionEntryGraceDays: > 0, IdempotencyHours: > 0, ExportFileHours: > 0 })
        {
            failures.Add("Retention:UnmoderatedCommentDays, Retention:PromotionEntryGraceDays, Retention:IdempotencyHours and Retention:ExportFileHours must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
