using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Submissions.Application;
using Submissions.Application.Partners;
using Submissions.Application.Privacy;
using Submissions.Functions.Hosting;
using Submissions.Storage;

namespace Submissions.Infrastructure.Tests;

/// <summary>
/// The app settings main.bicep deploys against the settings the code reads, both ways: every options property is set,
/// nothing is set that nobody reads, secrets are Key Vault references, and the deployed values start the app.
/// </summary>
public sealed class AppSettingsDriftTests
{
    /// <summary>Identity-based connections, read by the Functions host, the queue triggers and the storage clients.</summary>
    private static readonly string[] ConnectionSettings =
    [
        "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId",
        "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__tableServiceUri",
        $"{StorageConnection.Name}__credential", $"{StorageConnection.Name}__clientId",
        $"{StorageConnection.Name}__tableServiceUri", $"{StorageConnection.Name}__queueServiceUri",
        $"{StorageConnection.Name}__blobServiceUri",
    ];

    /// <summary>Read by the host and by TelemetryRegistration / ApplicationInsightsCredential, and the environment name.</summary>
    private static readonly string[] PlatformSettings =
        ["APPLICATIONINSIGHTS_CONNECTION_STRING", ApplicationInsightsCredential.SettingName, "AZURE_FUNCTIONS_ENVIRONMENT"];

    /// <summary>The partners infra/snapshot/example.bicepparam names.</summary>
    private static readonly string[] ExamplePartners = ["demo-partner", "acme"];

    [Fact]
    public void Every_setting_the_app_reads_is_set_by_the_template()
    {
        var deployed = DeploymentSnapshot.Example.AppSettings;

        var missing = OptionsSettings().Concat(ConnectionSettings).Concat(PlatformSettings).Where(name => !deployed.ContainsKey(name)).ToList();

        Assert.True(missing.Count == 0, "Set in infra/app/api.bicep: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_setting_the_template_sets_is_read_by_the_app_or_its_host()
    {
        var read = OptionsSettings().Concat(ConnectionSettings).Concat(PlatformSettings)
            .Concat(ExamplePartners.Select(SettingName)).ToHashSet(StringComparer.Ordinal);

        var unread = DeploymentSnapshot.Example.AppSettings.Keys.Where(name => !read.Contains(name)).ToList();

        Assert.True(unread.Count == 0, "Nothing reads: " + string.Join(", ", unread));
    }

    [Fact]
    public void The_options_classes_are_found()
    {
        var settings = OptionsSettings().ToList();

        Assert.Contains("Privacy__SubjectKeyPepper", settings);
        Assert.Contains("Storage__MaxRetries", settings);
        Assert.Contains("Admin__TenantId", settings);
        Assert.Contains("Delivery__AllowPrivateDestinations", settings);
    }

    [Fact]
    public void Secrets_are_Key_Vault_references_to_the_deployed_vault()
    {
        var deployed = DeploymentSnapshot.Example.AppSettings;
        var vault = DeploymentSnapshot.Example.Single("Microsoft.KeyVault/vaults").GetProperty("name").GetString();

        Assert.Equal($"@Microsoft.KeyVault(VaultName={vault};SecretName=subject-key-pepper)", deployed["Privacy__SubjectKeyPepper"]);
        foreach (var partnerId in ExamplePartners)
        {
            // The name the app looks the secret up by (PartnerSettings) is the one the template sets.
            Assert.Equal($"@Microsoft.KeyVault(VaultName={vault};SecretName=partner-{partnerId}-signing-secret)", deployed[SettingName(partnerId)]);
        }
    }

    [Fact]
    public void No_storage_key_or_connection_string_is_deployed()
    {
        var deployed = DeploymentSnapshot.Example.AppSettings;

        Assert.DoesNotContain("AzureWebJobsStorage", deployed.Keys);
        Assert.DoesNotContain(StorageConnection.Name, deployed.Keys);
        Assert.All(deployed.Values, value => Assert.DoesNotContain("AccountKey", value, StringComparison.OrdinalIgnoreCase));
        Assert.All(deployed.Values, value => Assert.DoesNotContain("listKeys", value, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("managedidentity", deployed["AzureWebJobsStorage__credential"]);
        Assert.Equal("managedidentity", deployed[$"{StorageConnection.Name}__credential"]);
        Assert.Contains("Authorization=AAD", deployed[ApplicationInsightsCredential.SettingName], StringComparison.Ordinal);
    }

    [Fact]
    public void The_deployed_settings_bind_and_pass_start_up_validation_in_Production()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(AsResolvedByThePlatform(DeploymentSnapshot.Example.AppSettings)).Build();
        var services = new ServiceCollection()
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Production })
            .AddSubmissionsStorage(configuration)
            .AddSubmissionsApplication(configuration);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        foreach (var optionsType in OptionsTypes())
        {
            // Reading Value binds the section: a value that does not convert to the property's type throws here.
            var options = provider.GetRequiredService(typeof(IOptions<>).MakeGenericType(optionsType));
            Assert.NotNull(options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options));
        }
    }

    /// <summary>Section__Property for every bindable property of every options class the app binds.</summary>
    private static IEnumerable<string> OptionsSettings() =>
        from type in OptionsTypes()
        let section = (string)type.GetField("SectionName")!.GetRawConstantValue()!
        from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        where property.SetMethod is { IsPublic: true }
        select $"{section}__{property.Name}";

    private static IEnumerable<Type> OptionsTypes() =>
        new[] { typeof(PrivacyOptions).Assembly, typeof(StorageOptions).Assembly, typeof(SubmissionsFunctionsApp).Assembly }
            .SelectMany(assembly => assembly.GetExportedTypes())
            .Where(type => type is { IsClass: true, IsAbstract: false } && type.Name.EndsWith("Options", StringComparison.Ordinal))
            .Where(type => type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            .OrderBy(type => type.FullName, StringComparer.Ordinal);

    private static string SettingName(string partnerId) => PartnerSettings.SigningSecret(partnerId).Replace(":", "__", StringComparison.Ordinal);

    /// <summary>A URL setting, or a service URI such as the storage endpoints (the storage layer builds its clients from them).</summary>
    private static bool IsAddress(string key) =>
        key.EndsWith("Url", StringComparison.Ordinal) || key.EndsWith("Uri", StringComparison.Ordinal);

    /// <summary>What the app sees in Azure: Key Vault references resolved to secrets, Azure-side expressions to their values.</summary>
    private static Dictionary<string, string?> AsResolvedByThePlatform(IReadOnlyDictionary<string, string> deployed) =>
        deployed.ToDictionary(
            setting => setting.Key.Replace("__", ":", StringComparison.Ordinal),
            string? (setting) => setting.Value switch
            {
                var value when value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
                var value when value.StartsWith('[') => IsAddress(setting.Key) ? "https://func-api.example.net" : "resolved-in-azure",
                var value => value,
            });
}
