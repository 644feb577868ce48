using System.Text.Json;
using Submissions.Testing;

namespace Submissions.Infrastructure.Tests;

/// <summary>
/// A reviewed deployment snapshot (infra/snapshot/{name}.snapshot.json): every resource main.bicep deploys for that
/// parameter file, with every expression the template alone can settle evaluated. The snapshot tests keep it current.
/// </summary>
internal sealed class DeploymentSnapshot
{
    public static readonly DeploymentSnapshot Example = Load("example");
    public static readonly DeploymentSnapshot Minimal = Load("minimal");

    /// <summary>Deployed by the pipeline's identity, a service principal (infra/snapshot/pipeline.bicepparam).</summary>
    public static readonly DeploymentSnapshot Pipeline = Load("pipeline");

    private DeploymentSnapshot(IReadOnlyList<JsonElement> resources) => Resources = resources;

    public IReadOnlyList<JsonElement> Resources { get; }

    public IEnumerable<JsonElement> OfType(string type) =>
        Resources.Where(resource => string.Equals(resource.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase));

    public JsonElement Single(string type) => Assert.Single(OfType(type));

    /// <summary>The resource of that type whose name ends with the given child name (for example "/appsettings").</summary>
    public JsonElement Single(string type, string nameSuffix) =>
        Assert.Single(OfType(type), resource => resource.GetProperty("name").GetString()!.EndsWith(nameSuffix, StringComparison.Ordinal));

    /// <summary>The function app's app settings, name → value (an ARM expression in brackets where only Azure knows it).</summary>
    public IReadOnlyDictionary<string, string> AppSettings =>
        Single("Microsoft.Web/sites/config", "/appsettings").GetProperty("properties").EnumerateObject()
            .ToDictionary(setting => setting.Name, setting => setting.Value.GetString()!, StringComparer.Ordinal);

    /// <summary>The account the Functions host's own connection (AzureWebJobsStorage) points at.</summary>
    public string HostStorageAccount => AccountIn(AppSettings["AzureWebJobsStorage__blobServiceUri"]);

    /// <summary>The account the app's data connection (SubmissionsStorage) points at: tables, and queues with their triggers.</summary>
    public string DataStorageAccount => AccountIn(AppSettings["SubmissionsStorage__tableServiceUri"]);

    /// <summary>The storage account a reference('…/storageAccounts/{name}', …) expression reads an endpoint of.</summary>
    public static string AccountIn(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        const string marker = "/Microsoft.Storage/storageAccounts/";
        var start = expression.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, "Not a storage account endpoint: " + expression);
        start += marker.Length;
        return expression[start..expression.IndexOfAny(['\'', '/'], start)];
    }

    public static DeploymentSnapshot Load(string name)
    {
        var path = Path.Combine(RepositoryPaths.Root, "infra", "snapshot", name + ".snapshot.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new DeploymentSnapshot([.. document.RootElement.GetProperty("predictedResources").EnumerateArray().Select(resource => resource.Clone())]);
    }
}
