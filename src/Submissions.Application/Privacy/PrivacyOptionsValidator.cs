using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Submissions.Application.Privacy;

/// <summary>Outside Development a missing or short pepper stops start-up, before any subject key is computed.</summary>
public sealed class PrivacyOptionsValidator(IHostEnvironment environment) : IValidateOptions<PrivacyOptions>
{
    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pepper = options.SubjectKeyPepper;
        if (string.IsNullOrEmpty(pepper))
        {
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"The app setting Privacy__SubjectKeyPepper is required outside Development (environment: {environment.EnvironmentName}). " +
                    $"Set it to a random secret of at least {PrivacyOptions.MinPepperLength} characters, in Azure as a Key Vault reference.");
        }

        return pepper.Length < PrivacyOptions.MinPepperLength
            ? ValidateOptionsResult.Fail($"The app setting Privacy__SubjectKeyPepper must be at least {PrivacyOptions.MinPepperLength} characters.")
            : ValidateOptionsResult.Success;
    }
}
