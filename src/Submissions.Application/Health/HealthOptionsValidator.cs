using Microsoft.Extensions.Options;

namespace Submissions.Application.Health;

/// <summary>The storage probe needs a timeout long enough to succeed and short enough for the platform's health check.</summary>
public sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.TimeoutSeconds is not (>= 0.1 and <= 60))
        {
            failures.Add("Health:TimeoutSeconds must be between 0.1 and 60.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
