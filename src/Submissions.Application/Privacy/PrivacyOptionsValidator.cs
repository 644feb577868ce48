using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Submissions.Application.Privacy;

/// <summary>
/// Outside Development a missing or short pepper stops start-up, before any subject key is computed. So does a Key Vault
/// reference the platform could not resolve: App Service then passes the reference text itself, which is long enough to
/// pass for a pepper and would key every record with a value anyone can read in the app settings.
/// </summary>
public sealed class PrivacyOptionsValidator(IHostEnvironment environment) : IValidateOptions<PrivacyOptions>
{
    private const string UnresolvedKeyVaultReference = "@Microsoft.KeyVault(";

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

        if (pepper.StartsWith(UnresolvedKeyVaultReference, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail(
                "The app setting Privacy__SubjectKeyPepper is a Key Vault reference that was not resolved: check that the secret exists and that the app's identity may read it (docs/deploy.md).");
        }

        return pepper.Length < PrivacyOptions.MinPepperLength
            ? ValidateOptionsResult.Fail($"The app setting Privacy__SubjectKeyPepper must be at least {PrivacyOptions.MinPepperLength} characters.")
            : ValidateOptionsResult.Success;
    }
}
