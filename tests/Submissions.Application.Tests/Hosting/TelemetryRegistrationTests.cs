using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Submissions.Functions.Hosting;

namespace Submissions.Application.Tests.Hosting;

/// <summary>With local authentication off (as infra/ deploys it), telemetry without the identity's token is refused.</summary>
public sealed class TelemetryRegistrationTests
{
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/";

    [Theory]
    [InlineData("ClientId=11111111-1111-1111-1111-111111111111;Authorization=AAD")]
    [InlineData(" authorization = aad ; clientid = 11111111-1111-1111-1111-111111111111 ")]
    [InlineData("Authorization=AAD")]
    public void An_Entra_authentication_string_gives_a_managed_identity_credential(string value) =>
        Assert.IsType<ManagedIdentityCredential>(ApplicationInsightsCredential.FromAuthenticationString(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ClientId=11111111-1111-1111-1111-111111111111")]
    [InlineData("Authorization=None")]
    public void Without_Entra_authentication_no_credential_is_used(string? value) =>
        Assert.Null(ApplicationInsightsCredential.FromAuthenticationString(value));

    [Fact]
    public void The_exporter_authenticates_as_the_configured_identity()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = ConnectionString,
            [ApplicationInsightsCredential.SettingName] = "ClientId=11111111-1111-1111-1111-111111111111;Authorization=AAD",
        }).Build();
        using var services = new ServiceCollection().AddSubmissionsTelemetry(configuration).BuildServiceProvider();

        var options = services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);

        Assert.IsType<ManagedIdentityCredential>(options.Credential);
    }
}
