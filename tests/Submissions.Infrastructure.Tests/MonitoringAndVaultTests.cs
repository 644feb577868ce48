namespace Submissions.Infrastructure.Tests;

/// <summary>Telemetry only with an Entra token; secrets in an RBAC vault that cannot lose the pepper.</summary>
public sealed class MonitoringAndVaultTests
{
    [Fact]
    public void Application_Insights_takes_only_Entra_authenticated_telemetry_into_Log_Analytics()
    {
        var insights = DeploymentSnapshot.Example.Single("Microsoft.Insights/components").GetProperty("properties");
        var workspace = DeploymentSnapshot.Example.Single("Microsoft.OperationalInsights/workspaces");

        Assert.True(insights.GetProperty("DisableLocalAuth").GetBoolean());
        Assert.Equal("LogAnalytics", insights.GetProperty("IngestionMode").GetString());
        Assert.Equal(workspace.GetProperty("id").GetString(), insights.GetProperty("WorkspaceResourceId").GetString());
        Assert.True(workspace.GetProperty("properties").GetProperty("features").GetProperty("disableLocalAuth").GetBoolean());
    }

    [Fact]
    public void Key_Vault_uses_RBAC_and_purge_protection()
    {
        var vault = DeploymentSnapshot.Example.Single("Microsoft.KeyVault/vaults").GetProperty("properties");

        Assert.True(vault.GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.True(vault.GetProperty("enableSoftDelete").GetBoolean());
        Assert.True(vault.GetProperty("enablePurgeProtection").GetBoolean());
        Assert.False(vault.TryGetProperty("accessPolicies", out _));
    }

    [Fact]
    public void No_secret_value_is_a_resource_of_the_template()
    {
        // Secrets are written by the deployer (infra/scripts/ensure-pepper.sh, docs/deploy.md), never by the template.
        Assert.Empty(DeploymentSnapshot.Example.OfType("Microsoft.KeyVault/vaults/secrets"));
    }
}
