using System.Text.Json;
using Submissions.Storage.Blobs;

namespace Submissions.Infrastructure.Tests;

/// <summary>
/// Least privilege: the app's identity holds exactly these data roles, each on the one resource it is for (on the host's
/// storage what the Functions host needs, on the data account table and queue data, blob data on the export container
/// alone), under a deterministic guid() name so a redeployment updates rather than duplicates; the deployer may only
/// manage secrets.
/// </summary>
public sealed class RoleAssignmentTests
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";

    [Fact]
    public void The_app_identity_holds_exactly_its_data_roles_each_on_its_own_resource()
    {
        var snapshot = DeploymentSnapshot.Example;
        var host = $"/providers/Microsoft.Storage/storageAccounts/{snapshot.HostStorageAccount}";
        var data = $"/providers/Microsoft.Storage/storageAccounts/{snapshot.DataStorageAccount}";
        // Role on the resource whose id ends so: the account itself, never a wider scope.
        (string Role, string Scope)[] expected =
        [
            (StorageBlobDataOwner, host),
            (StorageTableDataContributor, host),
            (StorageTableDataContributor, data),
            (StorageQueueDataContributor, data),
            (StorageBlobDataContributor, $"{data}/blobServices/default/containers/{SubmissionsBlobs.ExportsName}"),
            (MonitoringMetricsPublisher, "/providers/Microsoft.Insights/components/" + snapshot.Single("Microsoft.Insights/components").GetProperty("name").GetString()),
            (KeyVaultSecretsUser, "/providers/Microsoft.KeyVault/vaults/" + snapshot.Single("Microsoft.KeyVault/vaults").GetProperty("name").GetString()),
        ];

        var granted = AppAssignments(snapshot).ToList();

        Assert.Equal(expected.Length, granted.Count);
        Assert.All(granted, assignment => Assert.Equal("ServicePrincipal", Property(assignment, "principalType")));
        Assert.All(expected, role => Assert.Single(granted, assignment => RoleOf(assignment) == role.Role && ScopeOf(assignment).EndsWith(role.Scope, StringComparison.Ordinal)));
    }

    [Fact]
    public void The_data_account_gives_no_blob_role_and_the_host_account_no_queue_role()
    {
        var snapshot = DeploymentSnapshot.Example;
        var onData = AppAssignments(snapshot).Where(assignment => ScopeOf(assignment).Contains($"/storageAccounts/{snapshot.DataStorageAccount}", StringComparison.Ordinal));
        var onHost = AppAssignments(snapshot).Where(assignment => ScopeOf(assignment).Contains($"/storageAccounts/{snapshot.HostStorageAccount}", StringComparison.Ordinal));

        // Blob Data Contributor on the data account belongs only to an export container (infra/main.bicep: exportContainerNames),
        // scoped to that container. Blob Data Owner is the host's alone.
        Assert.DoesNotContain(onData, assignment => RoleOf(assignment) == StorageBlobDataOwner);
        Assert.All(onData.Where(assignment => RoleOf(assignment) == StorageBlobDataContributor), assignment =>
            Assert.Contains("/blobServices/default/containers/", ScopeOf(assignment), StringComparison.Ordinal));
        Assert.DoesNotContain(onHost, assignment => RoleOf(assignment) == StorageQueueDataContributor);
    }

    [Fact]
    public void Every_assignment_name_is_a_guid_of_its_scope_principal_and_role()
    {
        Assert.All(Assignments(DeploymentSnapshot.Example), assignment =>
        {
            var name = assignment.GetProperty("name").GetString()!;
            // Evaluated where the principal is a parameter; an expression where it is the identity Azure creates.
            Assert.True(Guid.TryParse(name, out _) || (name.StartsWith("[guid('", StringComparison.Ordinal) && name.Contains(RoleOf(assignment), StringComparison.Ordinal)), name);
        });
    }

    [Fact]
    public void The_deployer_may_only_manage_secrets_and_only_when_named()
    {
        var deployer = Assert.Single(Assignments(DeploymentSnapshot.Example), assignment => Property(assignment, "principalType") == "User");

        Assert.Equal(KeyVaultSecretsOfficer, RoleOf(deployer));
        Assert.Contains("/providers/Microsoft.KeyVault/vaults/", ScopeOf(deployer), StringComparison.Ordinal);
        Assert.DoesNotContain(Assignments(DeploymentSnapshot.Minimal), assignment => RoleOf(assignment) == KeyVaultSecretsOfficer);
    }

    [Fact]
    public void A_pipeline_deployer_gets_no_role_at_all_so_none_that_reads_a_secret()
    {
        // The pepper is bootstrapped by a person; the pipeline's hook asks Resource Manager whether it exists.
        Assert.DoesNotContain(Assignments(DeploymentSnapshot.Pipeline), assignment => Property(assignment, "principalId") == "00000000-0000-0000-0000-00000000c1c1");
        Assert.DoesNotContain(Assignments(DeploymentSnapshot.Pipeline), assignment => RoleOf(assignment) == KeyVaultSecretsOfficer);
        Assert.Equal(AppAssignments(DeploymentSnapshot.Pipeline).Count(), Assignments(DeploymentSnapshot.Pipeline).Count());
    }

    [Fact]
    public void No_assignment_is_scoped_to_the_resource_group_or_the_subscription()
    {
        Assert.All(Assignments(DeploymentSnapshot.Example), assignment =>
            Assert.Matches("/resourceGroups/[^/]+/providers/Microsoft\\.[A-Za-z]+/[A-Za-z]+/[^/']+", ScopeOf(assignment)));
    }

    private static IEnumerable<JsonElement> Assignments(DeploymentSnapshot snapshot) => snapshot.OfType("Microsoft.Authorization/roleAssignments");

    private static IEnumerable<JsonElement> AppAssignments(DeploymentSnapshot snapshot)
    {
        var identity = snapshot.Single("Microsoft.ManagedIdentity/userAssignedIdentities").GetProperty("name").GetString()!;
        return Assignments(snapshot).Where(assignment => Property(assignment, "principalId").Contains($"/userAssignedIdentities/{identity}'", StringComparison.Ordinal));
    }

    private static string Property(JsonElement assignment, string name) => assignment.GetProperty("properties").GetProperty(name).GetString()!;

    private static string RoleOf(JsonElement assignment) => Property(assignment, "roleDefinitionId").Split('/')[^1];

    /// <summary>The resource id before "/providers/Microsoft.Authorization", evaluated or inside extensionResourceId('…').</summary>
    private static string ScopeOf(JsonElement assignment)
    {
        var id = assignment.GetProperty("id").GetString()!;
        return id.StartsWith("[extensionResourceId('", StringComparison.Ordinal)
            ? id["[extensionResourceId('".Length..id.IndexOf('\'', "[extensionResourceId('".Length)]
            : id[..id.IndexOf("/providers/Microsoft.Authorization/", StringComparison.Ordinal)];
    }
}
