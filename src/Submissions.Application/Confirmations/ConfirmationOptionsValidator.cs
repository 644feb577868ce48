using Microsoft.Extensions.Options;

namespace Submissions.Application.Confirmations;

/// <summary>A confirmation window of 1 to 30 days; a preference link valid 1 to 90 days.</summary>
public sealed class ConfirmationOptionsValidator : IValidateOptions<ConfirmationOptions>
{
    public ValidateOptionsResult Validate(string? name, ConfirmationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ExpiryDays is < 1 or > 30)
        {
            failures.Add("The app setting Confirmation__ExpiryDays must be between 1 and 30 (days an unconfirmed submission is kept).");
        }

        if (options.PreferenceLinkDays is < 1 or > 90)
        {
            failures.Add("The app setting Confirmation__PreferenceLinkDays must be between 1 and 90.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
