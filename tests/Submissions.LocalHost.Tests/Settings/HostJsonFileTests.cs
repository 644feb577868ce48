using System.Text.Json;
using Submissions.LocalHost.Settings;
using Submissions.Testing;

namespace Submissions.LocalHost.Tests.Settings;

public sealed class HostJsonFileTests
{
    private static string RepositoryHostJson => Path.Combine(RepositoryPaths.Root, HostJsonFile.FileName);

    [Fact]
    public void The_local_host_reads_the_route_prefix_and_queue_settings_the_app_ships()
    {
        var hostJson = HostJsonFile.Load(RepositoryHostJson);

        Assert.Equal("api", hostJson.RoutePrefix);
        Assert.Equal(new QueueTriggerOptions(8, 4, 5, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(2), Base64Messages: true), hostJson.Queues);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, hostJson.LogLevels["Microsoft.AspNetCore"]);
    }

    [Fact]
    public void What_host_json_leaves_out_takes_the_Functions_host_defaults()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{ "version": "2.0" }""");
            var hostJson = HostJsonFile.Load(path);

            Assert.Equal("api", hostJson.RoutePrefix);
            Assert.Equal(new QueueTriggerOptions(16, 8, 5, TimeSpan.Zero, TimeSpan.FromMinutes(1), Base64Messages: true), hostJson.Queues);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A setting added to host.json later is either applied by the local host or named as a difference.</summary>
    [Fact]
    public void Every_host_json_setting_is_honoured_or_listed_among_the_differences_in_docs()
    {
        var differences = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "local-development.md"));
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryHostJson));
        var unlisted = Leaves(document.RootElement, prefix: null)
            .Where(path => !HostJsonFile.Honoured.Any(honoured => path == honoured || path.StartsWith(honoured + ".", StringComparison.Ordinal)))
            .Where(path => !differences.Contains($"`{path}`", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(unlisted);
    }

    private static IEnumerable<string> Leaves(JsonElement element, string? prefix) =>
        element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().SelectMany(property => Leaves(property.Value, prefix is null ? property.Name : prefix + "." + property.Name))
            : [prefix!];
}
