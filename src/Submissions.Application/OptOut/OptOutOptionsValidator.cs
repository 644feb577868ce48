using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Submissions.Application.OptOut;

/// <summary>
/// The opt-out base URL must be an absolute http(s) URL — https outside Development, where links go out in real mail —
/// with nothing after its path, so the links built on it are exactly <c>{base}/api/opt-out?token=…</c>.
/// </summary>
public sealed class OptOutOptionsValidator(IHostEnvironment environment) : IValidateOptions<OptOutOptions>
{
    public ValidateOptionsResult Validate(string? name, OptOutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
            || url.UserInfo.Length > 0 || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            return ValidateOptionsResult.Fail(
                "The app setting OptOut__PublicBaseUrl must be an absolute http(s) URL without user info, query or fragment, e.g. https://api.example.org.");
        }

        return url.Scheme != Uri.UriSchemeHttps && !environment.IsDevelopment()
            ? ValidateOptionsResult.Fail(
                $"The app setting OptOut__PublicBaseUrl must use https outside Development (environment: {environment.EnvironmentName}): opt-out links go out in mail.")
            : ValidateOptionsResult.Success;
    }
}
