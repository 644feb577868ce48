namespace Submissions.Infrastructure.Tests;

/// <summary>
/// Issue 20, items 3 and 5: who read the data is logged (the data account's blob, table and queue services, the vault's
/// AuditEvent) into the app's Log Analytics workspace; Defender for Storage watches the data account; and a
/// CanNotDelete lock keeps the data account, since Table Storage has no soft delete.
/// </summary>
public sealed class AccessLogsAndRecoveryTests
{
    public static TheoryData<string> Snapshots { get; } = ["example", "minimal"];

    private static DeploymentSnapshot Snapshot(string name) => name == "example" ? DeploymentSnapshot.Example : DeploymentSnapshot.Minimal;

    [Theory]
    [MemberData(nameof(Snapshots))]
    public void The_data_account_s_blob_table_and_queue_logs_go_to_the_workspace_and_the_host_account_s_do_not(string name)
    {
        var snapshot = Snapshot(name);
        var workspace = snapshot.Single("Microsoft.OperationalInsights/workspaces").GetProperty("id").GetString();
        var settings = snapshot.OfType("Microsoft.Insights/diagnosticSettings").Where(setting => Id(setting).Contains("/storageAccounts/", StringComparison.Ordinal)).ToList();

        string[] services = ["blobServices", "tableServices", "queueServices"];
        Assert.Equal(services.Order(StringComparer.Ordinal), settings.Select(Service).Order(StringComparer.Ordinal));
        Assert.All(settings, setting =>
        {
            Assert.Contains($"/storageAccounts/{snapshot.DataStorageAccount}/", Id(setting), StringComparison.Ordinal);
            Assert.Equal(workspace, setting.GetProperty("properties").GetProperty("workspaceId").GetString());
            Assert.Equal(
                ["StorageDelete", "StorageRead", "StorageWrite"],
                setting.GetProperty("properties").GetProperty("logs").EnumerateArray()
                    .Where(log => log.GetProperty("enabled").GetBoolean()).Select(log => log.GetProperty("category").GetString()!).Order(StringComparer.Ordinal));
        });
        Assert.DoesNotContain(settings, setting => Id(setting).Contains($"/storageAccounts/{snapshot.HostStorageAccount}/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Snapshots))]
    public void Every_access_to_the_vault_s_secrets_is_in_the_workspace(string name)
    {
        var snapshot = Snapshot(name);
        var vault = snapshot.Single("Microsoft.KeyVault/vaults").GetProperty("id").GetString()!;
        var audit = Assert.Single(snapshot.OfType("Microsoft.Insights/diagnosticSettings"), setting => Id(setting).StartsWith(vault + "/", StringComparison.Ordinal));

        Assert.Equal(snapshot.Single("Microsoft.OperationalInsights/workspaces").GetProperty("id").GetString(), audit.GetProperty("properties").GetProperty("workspaceId").GetString());
        Assert.Equal("AuditEvent", Assert.Single(audit.GetProperty("properties").GetProperty("logs").EnumerateArray()).GetProperty("category").GetString());
    }

    [Theory]
    [MemberData(nameof(Snapshots))]
    public void Defender_for_Storage_watches_the_data_account_alone(string name)
    {
        var snapshot = Snapshot(name);
        var defender = snapshot.Single("Microsoft.Security/defenderForStorageSettings");

        Assert.StartsWith(AccountId(snapshot, snapshot.DataStorageAccount) + "/", Id(defender), StringComparison.Ordinal);
        Assert.True(defender.GetProperty("properties").GetProperty("isEnabled").GetBoolean());
        Assert.True(defender.GetProperty("properties").GetProperty("overrideSubscriptionLevelSettings").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Snapshots))]
    public void The_data_account_cannot_be_deleted_while_its_lock_stands_and_the_host_account_has_none(string name)
    {
        var snapshot = Snapshot(name);
        var lockResource = snapshot.Single("Microsoft.Authorization/locks");

        Assert.StartsWith(AccountId(snapshot, snapshot.DataStorageAccount) + "/providers/Microsoft.Authorization/locks/", Id(lockResource), StringComparison.Ordinal);
        Assert.Equal("CanNotDelete", lockResource.GetProperty("properties").GetProperty("level").GetString());
    }

    [Fact]
    public void Azd_can_turn_the_lock_and_Defender_off_for_a_throwaway_environment_but_both_are_on_by_default()
    {
        var parameters = File.ReadAllText(Path.Combine(BicepCli.InfraDirectory, "main.parameters.json"));

        Assert.Contains("\"dataAccountLock\": { \"value\": \"${DATA_ACCOUNT_LOCK=true}\" }", parameters, StringComparison.Ordinal);
        Assert.Contains("\"defenderForStorage\": { \"value\": \"${DEFENDER_FOR_STORAGE=true}\" }", parameters, StringComparison.Ordinal);
    }

    private static string Id(System.Text.Json.JsonElement resource) => resource.GetProperty("id").GetString()!;

    private static string Service(System.Text.Json.JsonElement setting)
    {
        var parts = Id(setting).Split('/');
        return parts[Array.IndexOf(parts, "storageAccounts") + 2];
    }

    private static string AccountId(DeploymentSnapshot snapshot, string account) =>
        Id(Assert.Single(snapshot.OfType("Microsoft.Storage/storageAccounts"), resource => resource.GetProperty("name").GetString() == account));
}
