namespace Submissions.Site.Tests;

/// <summary>The kit type-checks under strict TypeScript and bundles into one browser module, as the npm scripts run them.</summary>
public sealed class KitBuildTests
{
    [Fact]
    public async Task Kit_type_checks_with_no_error()
    {
        var run = await NodeCommand.RunAsync(
            [NodeCommand.InRepository("node_modules", "typescript", "bin", "tsc"), "-p", "clients/typescript"],
            TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);

        Assert.True(run.ExitCode == 0, $"tsc -p clients/typescript (npm run typecheck:client) failed: {run}");
    }

    [Fact]
    public async Task Kit_bundles_into_one_browser_module_that_renders_no_html()
    {
        var folder = Directory.CreateTempSubdirectory("kit-bundle-");
        try
        {
            var run = await NodeCommand.RunAsync(
                [NodeCommand.InRepository("clients", "typescript", "build.mjs"), "--outdir", folder.FullName],
                TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
            Assert.True(run.ExitCode == 0, $"the kit's esbuild bundle (npm run build:kit) failed: {run}");

            var bundle = await File.ReadAllTextAsync(Path.Combine(folder.FullName, "submissions-kit.js"), TestContext.Current.CancellationToken);
            Assert.Contains("createSubmissionsClient", bundle, StringComparison.Ordinal);
            Assert.Contains("mountPromotionEntryForm", bundle, StringComparison.Ordinal);
            Assert.Matches(@"(?m)^export \{", bundle);
            // Label texts and API answers are shown as text: nothing in the kit (or openapi-fetch) parses HTML.
            Assert.DoesNotContain("innerHTML", bundle, StringComparison.Ordinal);
            Assert.DoesNotContain("insertAdjacentHTML", bundle, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(folder.FullName, "submissions-kit.js.map")), "The bundle has no source map.");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
