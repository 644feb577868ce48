using Microsoft.Extensions.Options;

namespace Submissions.Application.Http;

/// <summary>Body limits a request can meet and a Retry-After a client will honour; checked at start-up, not on every request.</summary>
public sealed class FormOptionsValidator : IValidateOptions<FormOptions>
{
    public ValidateOptionsResult Validate(string? name, FormOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxBodyBytes is not (> 0 and <= 1024 * 1024))
        {
            failures.Add("Forms:MaxBodyBytes must be between 1 byte and 1 MiB.");
        }

        if (options.MaxAdminBodyBytes is not (> 0 and <= 1024 * 1024))
        {
            failures.Add("Forms:MaxAdminBodyBytes must be between 1 byte and 1 MiB.");
        }

        if (options.RetryAfterSeconds is not (>= 1 and <= 3600))
        {
            failures.Add("Forms:RetryAfterSeconds must be between 1 and 3600.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
