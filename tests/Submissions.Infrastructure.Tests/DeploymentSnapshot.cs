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

    private static DeploymentSnapshot Load(string name)
    {
        var path = Path.Combine(RepositoryPaths.Root, "infra", "snapshot", name + ".snapshot.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new DeploymentSnapshot([.. document.RootElement.GetProperty("predictedResources").EnumerateArray().Select(resource => resource.Clone())]);
    }
}
