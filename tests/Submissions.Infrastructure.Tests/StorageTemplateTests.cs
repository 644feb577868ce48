using System.Reflection;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Submissions.Application;
using Submissions.Functions.Hosting;
using Submissions.Storage;
using Submissions.Storage.Blobs;
using Submissions.Storage.Queues;

namespace Submissions.Infrastructure.Tests;

/// <summary>
/// Two storage accounts, both closed to keys and the public: the Functions host's own (keys, leases, the deployment
/// package) and the data account, which holds exactly the tables, queues and blob containers the app uses and which the
/// queue triggers read.
/// </summary>
public sealed class StorageTemplateTests
{
    // Constructing clients sends nothing; they only turn the app's names into table and queue names.
    private static readonly IOptions<StorageOptions> Deployed = Options.Create(new StorageOptions());
    private const string Emulator = "UseDevelopmentStorage=true";

    [Fact]
    public void Every_account_takes_only_Entra_identities_over_TLS_1_2_and_shares_nothing_publicly()
    {
        var accounts = DeploymentSnapshot.Example.OfType("Microsoft.Storage/storageAccounts").ToList();

        Assert.Equal(2, accounts.Count);
        Assert.All(accounts, account =>
        {
            var properties = account.GetProperty("properties");
            Assert.False(properties.GetProperty("allowSharedKeyAccess").GetBoolean());
            Assert.True(properties.GetProperty("defaultToOAuthAuthentication").GetBoolean());
            Assert.False(properties.GetProperty("allowBlobPublicAccess").GetBoolean());
            Assert.True(properties.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
            Assert.Equal("TLS1_2", properties.GetProperty("minimumTlsVersion").GetString());
            Assert.False(properties.GetProperty("allowCrossTenantReplication").GetBoolean());
        });
    }

    [Fact]
    public void The_host_and_the_data_live_in_separate_accounts_and_the_data_account_keeps_its_name()
    {
        var snapshot = DeploymentSnapshot.Example;
        var settings = snapshot.AppSettings;
        string[] accounts = [.. snapshot.OfType("Microsoft.Storage/storageAccounts").Select(account => account.GetProperty("name").GetString()!)];

        Assert.NotEqual(snapshot.HostStorageAccount, snapshot.DataStorageAccount);
        Assert.Equal(accounts.Order(StringComparer.Ordinal), new[] { snapshot.HostStorageAccount, snapshot.DataStorageAccount }.Order(StringComparer.Ordinal));
        Assert.Equal(snapshot.HostStorageAccount, DeploymentSnapshot.AccountIn(settings["AzureWebJobsStorage__tableServiceUri"]));
        Assert.Equal(snapshot.DataStorageAccount, DeploymentSnapshot.AccountIn(settings[$"{StorageConnection.Name}__queueServiceUri"]));
        // The host uses no queue (no blob trigger, no Durable Functions): it is given no queue endpoint to reach.
        Assert.DoesNotContain("AzureWebJobsStorage__queueServiceUri", settings.Keys);
        // Deployed before the split, the one account held every record: the data account is still that account.
        Assert.Equal("st" + snapshot.Single("Microsoft.KeyVault/vaults").GetProperty("name").GetString()!["kv-".Length..], snapshot.DataStorageAccount);
    }

    [Fact]
    public void The_template_creates_exactly_the_tables_the_app_uses_in_the_data_account()
    {
        // The tables as the app resolves them: its own, and every registered form's.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [StorageConnection.Name] = Emulator }).Build();
        using var services = new ServiceCollection().AddSubmissionsStorage(configuration).AddSubmissionsApplication(configuration).BuildServiceProvider();
        var used = services.GetRequiredService<SubmissionsTables>().All.Select(table => table.Name);

        Assert.Equal(used.Order(StringComparer.Ordinal), ChildNames("Microsoft.Storage/storageAccounts/tableServices/tables").Order(StringComparer.Ordinal));
        Assert.All(AccountsOf("Microsoft.Storage/storageAccounts/tableServices/tables"), account => Assert.Equal(DeploymentSnapshot.Example.DataStorageAccount, account));
    }

    [Fact]
    public void The_template_creates_exactly_the_queues_the_app_and_its_triggers_use_in_the_data_account()
    {
        var queues = new SubmissionsQueues(new QueueServiceClient(Emulator), Deployed);
        string[] used = [.. queues.All.Select(queue => queue.Name)];

        Assert.Equal(used.Order(StringComparer.Ordinal), ChildNames("Microsoft.Storage/storageAccounts/queueServices/queues").Order(StringComparer.Ordinal));
        Assert.All(AccountsOf("Microsoft.Storage/storageAccounts/queueServices/queues"), account => Assert.Equal(DeploymentSnapshot.Example.DataStorageAccount, account));
    }

    [Fact]
    public void The_template_creates_exactly_the_blob_containers_the_app_uses_privately_in_the_data_account()
    {
        var blobs = new SubmissionsBlobs(new BlobServiceClient(Emulator), Deployed);
        string[] used = [.. blobs.All.Select(container => container.Name)];
        var data = DeploymentSnapshot.Example.OfType("Microsoft.Storage/storageAccounts/blobServices/containers")
            .Where(container => container.GetProperty("name").GetString()!.Split('/')[0] == DeploymentSnapshot.Example.DataStorageAccount)
            .ToList();

        Assert.Equal(used.Order(StringComparer.Ordinal), data.Select(container => container.GetProperty("name").GetString()!.Split('/')[^1]).Order(StringComparer.Ordinal));
        Assert.All(data, container => Assert.Equal("None", container.GetProperty("properties").GetProperty("publicAccess").GetString()));
        Assert.Equal(DeploymentSnapshot.Example.DataStorageAccount, DeploymentSnapshot.AccountIn(DeploymentSnapshot.Example.AppSettings[$"{StorageConnection.Name}__blobServiceUri"]));
    }

    [Fact]
    public void Every_queue_trigger_reads_the_connection_whose_account_holds_its_queue()
    {
        var triggers = typeof(SubmissionsFunctionsApp).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods())
            .SelectMany(method => method.GetParameters())
            .Select(parameter => parameter.GetCustomAttribute<QueueTriggerAttribute>())
            .OfType<QueueTriggerAttribute>()
            .ToList();
        var settings = DeploymentSnapshot.Example.AppSettings;

        Assert.NotEmpty(triggers);
        Assert.All(triggers, trigger =>
        {
            Assert.Contains(trigger.QueueName, ChildNames("Microsoft.Storage/storageAccounts/queueServices/queues"));
            Assert.Equal(DeploymentSnapshot.Example.DataStorageAccount, DeploymentSnapshot.AccountIn(settings[$"{trigger.Connection}__queueServiceUri"]));
        });
    }

    [Fact]
    public void The_deployment_package_container_is_private_in_the_host_account_and_is_where_the_app_deploys_from()
    {
        var container = Assert.Single(
            DeploymentSnapshot.Example.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"),
            container => container.GetProperty("name").GetString()!.Split('/')[0] == DeploymentSnapshot.Example.HostStorageAccount);
        var name = container.GetProperty("name").GetString()!.Split('/')[^1];
        var deployment = DeploymentSnapshot.Example.Single("Microsoft.Web/sites")
            .GetProperty("properties").GetProperty("functionAppConfig").GetProperty("deployment").GetProperty("storage");

        Assert.Equal("None", container.GetProperty("properties").GetProperty("publicAccess").GetString());
        Assert.Equal(DeploymentSnapshot.Example.HostStorageAccount, container.GetProperty("name").GetString()!.Split('/')[0]);
        Assert.Equal("blobContainer", deployment.GetProperty("type").GetString());
        Assert.Contains($"'{name}'", deployment.GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Equal(DeploymentSnapshot.Example.HostStorageAccount, DeploymentSnapshot.AccountIn(deployment.GetProperty("value").GetString()!));
    }

    private static IEnumerable<string> AccountsOf(string type) =>
        DeploymentSnapshot.Example.OfType(type).Select(resource => resource.GetProperty("name").GetString()!.Split('/')[0]);

    private static IEnumerable<string> ChildNames(string type) =>
        DeploymentSnapshot.Example.OfType(type).Select(resource => resource.GetProperty("name").GetString()!.Split('/')[^1]);
}
