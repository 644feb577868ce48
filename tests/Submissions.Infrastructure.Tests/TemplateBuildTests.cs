using System.Text.Json;

namespace Submissions.Infrastructure.Tests;

/// <summary>The templates compile and lint clean with the pinned Bicep CLI, and the reviewed snapshots match them.</summary>
public sealed class TemplateBuildTests
{
    [Fact]
    public async Task Main_template_lints_without_a_single_diagnostic()
    {
        var run = await BicepCli.RunAsync(["lint", "main.bicep"], TestContext.Current.CancellationToken);

        Assert.True(run.ExitCode == 0 && string.IsNullOrWhiteSpace(run.Output) && string.IsNullOrWhiteSpace(run.Errors), run.ToString());
    }

    [Fact]
    public async Task Main_template_builds_without_a_single_diagnostic()
    {
        var run = await BicepCli.RunAsync(["build", "main.bicep", "--stdout"], TestContext.Current.CancellationToken);

        Assert.True(run.ExitCode == 0 && string.IsNullOrWhiteSpace(run.Errors), run.ToString());
        using var template = JsonDocument.Parse(run.Output);
        Assert.Contains("subscriptionDeploymentTemplate", template.RootElement.GetProperty("$schema").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("example")]
    [InlineData("minimal")]
    [InlineData("pipeline")]
    [InlineData("vnet")]
    public async Task Deployment_snapshot_is_current(string name)
    {
        var run = await BicepCli.RunAsync(
            ["snapshot", $"snapshot/{name}.bicepparam", "--mode", "validate", .. BicepCli.SnapshotScope], TestContext.Current.CancellationToken);

        Assert.True(run.ExitCode == 0, $"infra/snapshot/{name}.snapshot.json is stale: run bash infra/snapshot/update.sh and review the diff.\n{run}");
    }
}
