using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Submissions.Storage.Blobs;

/// <summary>
/// Every blob container the app uses, all private. The names are the ones infra/main.bicep creates (and scopes the
/// app's blob role to); tests prefix them like tables, lower-cased as container names must be.
/// </summary>
public sealed class SubmissionsBlobs(BlobServiceClient service, IOptions<StorageOptions> options)
{
    public const string ExportsName = "exports";

    private static string Prefix(StorageOptions storage) => storage.TablePrefix.ToLowerInvariant() is { Length: > 0 } p ? p + "-" : string.Empty;

    /// <summary>Export job files, one blob per job named by the job id alone.</summary>
    public BlobContainerClient Exports { get; } = service.GetBlobContainerClient(Prefix(options.Value) + ExportsName);

    public IEnumerable<BlobContainerClient> All => [Exports];

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        foreach (var container in All)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }
}
