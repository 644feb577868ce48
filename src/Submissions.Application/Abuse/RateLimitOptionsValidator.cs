using Microsoft.Extensions.Options;

namespace Submissions.Application.Abuse;

/// <summary>A window that admits nothing, or a Front Door id that can never match, would refuse every client or trust none.</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options is not { PermitsPerWindow: > 0, WindowSeconds: > 0 })
        {
            failures.Add("RateLimits:PermitsPerWindow and RateLimits:WindowSeconds must be positive.");
        }

        if (!string.IsNullOrEmpty(options.FrontDoorId) && !Guid.TryParse(options.FrontDoorId, out _))
        {
            failures.Add("RateLimits:FrontDoorId must be the Front Door profile's ID (a GUID), or empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
