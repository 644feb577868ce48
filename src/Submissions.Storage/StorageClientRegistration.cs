using Azure.Core;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Submissions.Storage;

/// <summary>The Azure table, queue and blob clients every store is built on, from the one named storage connection.</summary>
internal static class StorageClientRegistration
{
    /// <summary>
    /// Locally "SubmissionsStorage" is a connection string (Azurite). In Azure it is a section —
    /// SubmissionsStorage__tableServiceUri, __queueServiceUri, __blobServiceUri (export job files),
    /// __credential=managedidentity, __clientId — so no key ever exists.
    /// </summary>
    public static IServiceCollection AddStorageClients(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(StorageConnection.Name);
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        services.AddAzureClients(clients =>
        {
            // Fail fast: a form request waits on these calls, so a few quick retries beat the SDK's long default backoff.
            clients.ConfigureDefaults(options =>
            {
                options.Retry.Mode = RetryMode.Exponential;
                options.Retry.MaxRetries = storage.MaxRetries;
                options.Retry.Delay = TimeSpan.FromMilliseconds(200);
                options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
                options.Retry.NetworkTimeout = TimeSpan.FromSeconds(storage.NetworkTimeoutSeconds);
            });

            // The queue triggers decode Base64, so everything this app sends is Base64 too.
            static void Base64(QueueClientOptions options) => options.MessageEncoding = QueueMessageEncoding.Base64;

            if (!string.IsNullOrWhiteSpace(section.Value))
            {
                clients.AddTableServiceClient(section.Value);
                clients.AddQueueServiceClient(section.Value).ConfigureOptions(Base64);
                clients.AddBlobServiceClient(section.Value);
                return;
            }

            var tableServiceUri = section["tableServiceUri"];
            var queueServiceUri = section["queueServiceUri"];
            var blobServiceUri = section["blobServiceUri"];
            if (string.IsNullOrWhiteSpace(tableServiceUri) || string.IsNullOrWhiteSpace(queueServiceUri) || string.IsNullOrWhiteSpace(blobServiceUri))
            {
                throw new InvalidOperationException(
                    $"The app setting {StorageConnection.Name} is missing. Set it to a storage connection string (locally: UseDevelopmentStorage=true), " +
                    $"or set {StorageConnection.Name}__tableServiceUri, __queueServiceUri and __blobServiceUri with {StorageConnection.Name}__credential=managedidentity in Azure.");
            }

            var credential = CreateCredential(section);
            clients.AddTableServiceClient(new Uri(tableServiceUri)).WithCredential(credential);
            clients.AddQueueServiceClient(new Uri(queueServiceUri)).WithCredential(credential).ConfigureOptions(Base64);
            clients.AddBlobServiceClient(new Uri(blobServiceUri)).WithCredential(credential);
        });
        return services;
    }

    private static TokenCredential CreateCredential(IConfigurationSection section)
    {
        var clientId = section["clientId"];
        if (string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        // A developer's own sign-in (Azure CLI, Visual Studio) against a real account; never used in Azure.
        return new DefaultAzureCredential();
    }
}
