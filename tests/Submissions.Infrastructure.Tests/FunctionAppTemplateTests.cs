using System.Text.Json;
using Submissions.Application.Admin;

namespace Submissions.Infrastructure.Tests;

/// <summary>The function app: Flex Consumption, dotnet-isolated 10.0, one user-assigned identity, locked-down endpoints.</summary>
public sealed class FunctionAppTemplateTests
{
    private static JsonElement Site => DeploymentSnapshot.Example.Single("Microsoft.Web/sites");

    private static string IdentityId => DeploymentSnapshot.Example.Single("Microsoft.ManagedIdentity/userAssignedIdentities").GetProperty("id").GetString()!;

    [Fact]
    public void The_plan_is_Flex_Consumption_on_Linux()
    {
        var plan = DeploymentSnapshot.Example.Single("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("FlexConsumption", plan.GetProperty("sku").GetProperty("tier").GetString());
        Assert.True(plan.GetProperty("properties").GetProperty("reserved").GetBoolean());
        Assert.Equal(plan.GetProperty("id").GetString(), Site.GetProperty("properties").GetProperty("serverFarmId").GetString());
    }

    [Fact]
    public void The_app_runs_dotnet_isolated_10_and_deploys_as_its_user_assigned_identity()
    {
        var config = Site.GetProperty("properties").GetProperty("functionAppConfig");
        var authentication = config.GetProperty("deployment").GetProperty("storage").GetProperty("authentication");

        Assert.Equal("functionapp,linux", Site.GetProperty("kind").GetString());
        Assert.Equal("dotnet-isolated", config.GetProperty("runtime").GetProperty("name").GetString());
        Assert.Equal("10.0", config.GetProperty("runtime").GetProperty("version").GetString());
        Assert.Equal("UserAssignedIdentity", authentication.GetProperty("type").GetString());
        Assert.Equal(IdentityId, authentication.GetProperty("userAssignedIdentityResourceId").GetString());
        Assert.Equal(2048, config.GetProperty("scaleAndConcurrency").GetProperty("instanceMemoryMB").GetInt32());
        Assert.Equal(40, config.GetProperty("scaleAndConcurrency").GetProperty("maximumInstanceCount").GetInt32());
    }

    [Fact]
    public void The_app_has_only_its_user_assigned_identity_and_resolves_Key_Vault_references_with_it()
    {
        var identity = Site.GetProperty("identity");

        Assert.Equal("UserAssigned", identity.GetProperty("type").GetString());
        Assert.Equal([IdentityId], identity.GetProperty("userAssignedIdentities").EnumerateObject().Select(entry => entry.Name));
        Assert.Equal(IdentityId, Site.GetProperty("properties").GetProperty("keyVaultReferenceIdentity").GetString());
    }

    [Fact]
    public void Only_https_and_TLS_1_2_reach_the_app_and_publishing_basic_auth_is_off()
    {
        var properties = Site.GetProperty("properties");

        Assert.True(properties.GetProperty("httpsOnly").GetBoolean());
        Assert.Equal("1.2", properties.GetProperty("siteConfig").GetProperty("minTlsVersion").GetString());
        Assert.Equal("Disabled", properties.GetProperty("siteConfig").GetProperty("ftpsState").GetString());
        var policies = DeploymentSnapshot.Example.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(2, policies.Count);
        Assert.All(policies, policy => Assert.False(policy.GetProperty("properties").GetProperty("allow").GetBoolean()));
    }

    [Fact]
    public void CORS_allows_exactly_the_site_origins_without_credentials_on_the_platform_and_in_the_app()
    {
        var cors = Site.GetProperty("properties").GetProperty("siteConfig").GetProperty("cors");
        var minimal = DeploymentSnapshot.Minimal.Single("Microsoft.Web/sites").GetProperty("properties").GetProperty("siteConfig").GetProperty("cors");

        // The platform's list answers preflights (Flex Consumption's host does so before any function); the app's,
        // the same origins, adds the exposed headers.
        Assert.Equal(["https://www.example.org", "https://example.org"], cors.GetProperty("allowedOrigins").EnumerateArray().Select(origin => origin.GetString()));
        Assert.False(cors.GetProperty("supportCredentials").GetBoolean());
        Assert.Empty(minimal.GetProperty("allowedOrigins").EnumerateArray());
        Assert.Equal("https://www.example.org,https://example.org", DeploymentSnapshot.Example.AppSettings["Cors__AllowedOrigins"]);
        Assert.Equal(string.Empty, DeploymentSnapshot.Minimal.AppSettings["Cors__AllowedOrigins"]);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("https://www.example.org, *")]
    [InlineData("https://*.example.org")]
    [InlineData("http://www.example.org")]
    [InlineData("https://www.example.org/shop")]
    [InlineData("https://user@www.example.org")]
    public async Task A_wildcard_or_an_origin_the_app_would_refuse_fails_the_deployment(string siteOrigins)
    {
        var folder = Directory.CreateTempSubdirectory("wildcard-origin-");
        try
        {
            // A parameters file must name its template by a relative path.
            var template = Path.GetRelativePath(folder.FullName, Path.Combine(BicepCli.InfraDirectory, "main.bicep")).Replace('\\', '/');
            var parameters = Path.Combine(folder.FullName, "wildcard.bicepparam");
            await File.WriteAllTextAsync(
                parameters,
                $"using '{template}'\nparam environmentName = 'wildcard'\nparam location = 'westeurope'\nparam siteOrigins = '{siteOrigins}'\n" +
                "param mailHost = 'smtp.example.org'\nparam mailFrom = 'no-reply@example.org'\n",
                TestContext.Current.CancellationToken);

            var run = await BicepCli.RunAsync(["snapshot", parameters, "--mode", "overwrite", .. BicepCli.SnapshotScope], TestContext.Current.CancellationToken);

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("'*' is not allowed", run.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void App_Service_Authentication_validates_admin_tokens_but_lets_anonymous_form_posts_through()
    {
        var auth = DeploymentSnapshot.Example.Single("Microsoft.Web/sites/config", "/authsettingsV2").GetProperty("properties");
        var entra = auth.GetProperty("identityProviders").GetProperty("azureActiveDirectory");

        Assert.True(auth.GetProperty("platform").GetProperty("enabled").GetBoolean());
        Assert.False(auth.GetProperty("globalValidation").GetProperty("requireAuthentication").GetBoolean());
        Assert.Equal("AllowAnonymous", auth.GetProperty("globalValidation").GetProperty("unauthenticatedClientAction").GetString());
        Assert.False(auth.GetProperty("login").GetProperty("tokenStore").GetProperty("enabled").GetBoolean());
        Assert.Equal("00000000-0000-0000-0000-00000000a001", entra.GetProperty("registration").GetProperty("clientId").GetString());
        Assert.Contains("api://00000000-0000-0000-0000-00000000a001", entra.GetProperty("validation").GetProperty("allowedAudiences").EnumerateArray().Select(audience => audience.GetString()));
    }

    [Fact]
    public void The_admin_check_requires_the_role_from_the_tenant_that_issues_the_tokens()
    {
        var settings = DeploymentSnapshot.Example.AppSettings;
        var issuer = DeploymentSnapshot.Example.Single("Microsoft.Web/sites/config", "/authsettingsV2").GetProperty("properties")
            .GetProperty("identityProviders").GetProperty("azureActiveDirectory").GetProperty("registration").GetProperty("openIdIssuer").GetString();

        Assert.Equal("true", settings["Admin__RequireRole"]);
        Assert.Equal(new AdminOptions().Role, settings["Admin__Role"]);
        Assert.Contains($"'{settings["Admin__TenantId"]}'", issuer, StringComparison.Ordinal);
        // WEBSITE_AUTH_ENABLED, which AdminAuthorization requires, is injected by the platform when authentication is on.
        Assert.DoesNotContain(AdminAuthorization.AuthenticationEnabledSetting, settings.Keys);
    }

    [Fact]
    public void Without_an_admin_app_registration_authentication_is_off_and_the_manage_API_stays_closed()
    {
        // Deployed off rather than left out, so clearing the registration later turns an earlier setup off too.
        var auth = DeploymentSnapshot.Minimal.Single("Microsoft.Web/sites/config", "/authsettingsV2").GetProperty("properties");

        Assert.False(auth.GetProperty("platform").GetProperty("enabled").GetBoolean());
        Assert.Empty(auth.GetProperty("identityProviders").EnumerateObject());
        Assert.Equal("true", DeploymentSnapshot.Minimal.AppSettings["Admin__RequireRole"]);
    }

    [Fact]
    public void Opt_out_links_use_the_app_host_unless_a_public_base_is_given()
    {
        Assert.Contains("defaultHostName", DeploymentSnapshot.Example.AppSettings["OptOut__PublicBaseUrl"], StringComparison.Ordinal);
        Assert.StartsWith("[format('https://{0}'", DeploymentSnapshot.Example.AppSettings["OptOut__PublicBaseUrl"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_runs_as_Production_without_demo_data_or_private_webhook_destinations()
    {
        var settings = DeploymentSnapshot.Example.AppSettings;

        Assert.Equal("Production", settings["AZURE_FUNCTIONS_ENVIRONMENT"]);
        Assert.Equal("false", settings["Demo__SeedOnStart"]);
        Assert.Equal("false", settings["Delivery__AllowPrivateDestinations"]);
    }

    [Fact]
    public void Behind_Front_Door_only_our_profile_reaches_the_app_and_the_app_trusts_its_client_header_for_that_id()
    {
        const string frontDoorId = "00000000-0000-0000-0000-0000000fd001";
        var siteConfig = Site.GetProperty("properties").GetProperty("siteConfig");
        var rule = Assert.Single(siteConfig.GetProperty("ipSecurityRestrictions").EnumerateArray());

        // Everything else is refused: the service tag alone would admit every Front Door customer's profile.
        Assert.Equal("Deny", siteConfig.GetProperty("ipSecurityRestrictionsDefaultAction").GetString());
        Assert.Equal("Allow", rule.GetProperty("action").GetString());
        Assert.Equal("ServiceTag", rule.GetProperty("tag").GetString());
        Assert.Equal("AzureFrontDoor.Backend", rule.GetProperty("ipAddress").GetString());
        Assert.Equal([frontDoorId], rule.GetProperty("headers").GetProperty("x-azure-fdid").EnumerateArray().Select(value => value.GetString()));
        Assert.Equal(frontDoorId, DeploymentSnapshot.Example.AppSettings["RateLimits__FrontDoorId"]);
    }

    [Fact]
    public void Without_Front_Door_clients_reach_the_app_directly_and_no_client_header_is_trusted()
    {
        var siteConfig = DeploymentSnapshot.Minimal.Single("Microsoft.Web/sites").GetProperty("properties").GetProperty("siteConfig");

        Assert.Equal("Allow", siteConfig.GetProperty("ipSecurityRestrictionsDefaultAction").GetString());
        Assert.Empty(siteConfig.GetProperty("ipSecurityRestrictions").EnumerateArray());
        Assert.Equal(string.Empty, DeploymentSnapshot.Minimal.AppSettings["RateLimits__FrontDoorId"]);
    }
}
