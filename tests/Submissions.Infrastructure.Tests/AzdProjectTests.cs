using System.Runtime.Versioning;
using System.Text.Json;
using Submissions.Testing;

namespace Submissions.Infrastructure.Tests;

/// <summary>What `azd up` reads beside the template: azure.yaml and main.parameters.json agree with main.bicep and the repo.</summary>
[SupportedOSPlatform("linux")]
public sealed class AzdProjectTests
{
    [Fact]
    public async Task The_parameters_file_sets_only_template_parameters_and_every_required_one()
    {
        var run = await BicepCli.RunAsync(["build", "main.bicep", "--stdout"], TestContext.Current.CancellationToken);
        using var template = JsonDocument.Parse(run.Output);
        var declared = template.RootElement.GetProperty("parameters").EnumerateObject().ToDictionary(parameter => parameter.Name, parameter => parameter.Value.Clone());
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(BicepCli.InfraDirectory, "main.parameters.json")));
        var given = file.RootElement.GetProperty("parameters").EnumerateObject().Select(parameter => parameter.Name).ToList();

        Assert.All(given, name => Assert.True(declared.ContainsKey(name), $"main.parameters.json sets {name}, which main.bicep does not declare."));
        Assert.All(declared.Where(parameter => !parameter.Value.TryGetProperty("defaultValue", out _)), parameter => Assert.Contains(parameter.Key, given));
    }

    [Fact]
    public void Azure_yaml_deploys_the_function_app_project_and_runs_existing_hooks()
    {
        var azureYaml = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "azure.yaml")).Select(line => line.Trim()).ToList();
        var project = azureYaml.Single(line => line.StartsWith("project:", StringComparison.Ordinal))["project:".Length..].Trim();
        var hooks = azureYaml.Where(line => line.StartsWith("run:", StringComparison.Ordinal)).Select(line => line["run:".Length..].Trim()).ToList();

        Assert.Contains("host: function", azureYaml);
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, project, "Submissions.Functions.csproj")), project);
        Assert.Equal(["./infra/scripts/ensure-pepper.sh", "./infra/scripts/verify-admin-guard.sh"], hooks);
        Assert.All(hooks, hook =>
        {
            var script = Path.Combine(RepositoryPaths.Root, hook);
            Assert.True(File.Exists(script), hook);
            Assert.True(File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute), $"{hook} must be executable.");
        });
    }
}
