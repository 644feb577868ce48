using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Submissions.Application;
using Submissions.Storage;
using Submissions.Storage.Queues;

namespace Submissions.Infrastructure.Tests;

/// <summary>The storage account is closed to keys and the public, and holds exactly the tables and queues the app uses.</summary>
public sealed class StorageTemplateTests
{
    // Constructing clients sends nothing; they only turn the app's names into table and queue names.
    private static readonly IOptions<StorageOptions> Deployed = Options.Create(new StorageOptions());
    private const string Emulator = "UseDevelopmentStorage=true";

    [Fact]
    public void The_account_takes_only_Entra_identities_over_TLS_1_2_and_shares_nothing_publicly()
    {
        var properties = DeploymentSnapshot.Example.Single("Microsoft.Storage/storageAccounts").GetProperty("properties");

        Assert.False(properties.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.True(properties.GetProperty("defaultToOAuthAuthentication").GetBoolean());
        Assert.False(properties.GetProperty("allowBlobPublicAccess").GetBoolean());
        Assert.True(properties.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
        Assert.Equal("TLS1_2", properties.GetProperty("minimumTlsVersion").GetString());
        Assert.False(properties.GetProperty("allowCrossTenantReplication").GetBoolean());
    }

    [Fact]
    public void The_template_creates_exactly_the_tables_the_app_uses()
    {
        // The tables as the app resolves them: its own, and every registered form's.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [StorageConnection.Name] = Emulator }).Build();
        using var services = new ServiceCollection().AddSubmissionsStorage(configuration).AddSubmissionsApplication(configuration).BuildServiceProvider();
        var used = services.GetRequiredService<SubmissionsTables>().All.Select(table => table.Name);

        Assert.Equal(used.Order(StringComparer.Ordinal), ChildNames("Microsoft.Storage/storageAccounts/tableServices/tables").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_template_creates_exactly_the_queues_the_app_and_its_triggers_use()
    {
        var queues = new SubmissionsQueues(new QueueServiceClient(Emulator), Deployed);
        string[] used = [.. queues.All.Select(queue => queue.Name)];

        Assert.Equal(used.Order(StringComparer.Ordinal), ChildNames("Microsoft.Storage/storageAccounts/queueServices/queues").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_deployment_package_container_is_private_and_is_where_the_app_deploys_from()
    {
        var container = DeploymentSnapshot.Example.Single("Microsoft.Storage/storageAccounts/blobServices/containers");
        var name = container.GetProperty("name").GetString()!.Split('/')[^1];
        var deployment = DeploymentSnapshot.Example.Single("Microsoft.Web/sites")
            .GetProperty("properties").GetProperty("functionAppConfig").GetProperty("deployment").GetProperty("storage");

        Assert.Equal("None", container.GetProperty("properties").GetProperty("publicAccess").GetString());
        Assert.Equal("blobContainer", deployment.GetProperty("type").GetString());
        Assert.Contains($"'{name}'", deployment.GetProperty("value").GetString(), StringComparison.Ordinal);
    }

    private static IEnumerable<string> ChildNames(string type) =>
        DeploymentSnapshot.Example.OfType(type).Select(resource => resource.GetProperty("name").GetString()!.Split('/')[^1]);
}
