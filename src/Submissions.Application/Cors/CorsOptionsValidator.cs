using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Submissions.Application.Cors;

/// <summary>
/// Each allowed origin must be an origin and nothing more: an absolute http(s) URL with no path, query, fragment or
/// user info — never <c>*</c>, which would let any site read the API's answers — and https outside Development.
/// </summary>
public sealed class CorsOptionsValidator(IHostEnvironment environment) : IValidateOptions<CorsOptions>
{
    public ValidateOptionsResult Validate(string? name, CorsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Entries().Select(Failure).OfType<string>().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private string? Failure(string entry, int index)
    {
        // The entry is configuration, not personal data: naming its position is enough and keeps the message short.
        var where = $"The app setting Cors__AllowedOrigins, entry {index + 1},";
        if (entry.Contains('*', StringComparison.Ordinal))
        {
            return $"{where} must name one origin: '*' (any origin) is not allowed.";
        }

        if (!CorsPolicy.TryNormalize(entry, out var origin))
        {
            return $"{where} must be an origin such as https://www.example.org: http(s), a host, an optional port, and no path, query or fragment.";
        }

        return origin.StartsWith("http://", StringComparison.Ordinal) && !environment.IsDevelopment()
            ? $"{where} must use https outside Development (environment: {environment.EnvironmentName})."
            : null;
    }
}
