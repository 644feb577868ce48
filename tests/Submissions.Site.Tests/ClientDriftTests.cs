namespace Submissions.Site.Tests;

/// <summary>
/// The typed client is generated from docs/openapi.yaml and committed: regenerating it must give the committed file, so
/// the API document and the kit cannot drift apart.
/// </summary>
public sealed class ClientDriftTests
{
    [Fact]
    public async Task Committed_schema_is_what_openapi_typescript_generates_from_the_api_document()
    {
        var folder = Directory.CreateTempSubdirectory("kit-schema-");
        try
        {
            var generated = Path.Combine(folder.FullName, "schema.d.ts");
            var run = await NodeCommand.RunAsync(
                [NodeCommand.InRepository("node_modules", "openapi-typescript", "bin", "cli.js"), "docs/openapi.yaml", "-o", generated],
                TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
            Assert.True(run.ExitCode == 0, $"openapi-typescript failed: {run}");

            var committed = await File.ReadAllTextAsync(
                NodeCommand.InRepository("clients", "typescript", "src", "schema.d.ts"), TestContext.Current.CancellationToken);
            var fresh = await File.ReadAllTextAsync(generated, TestContext.Current.CancellationToken);
            Assert.True(
                Normalized(committed) == Normalized(fresh),
                "clients/typescript/src/schema.d.ts is out of date with docs/openapi.yaml: run `npm run generate:client` and commit the result. "
                + $"First difference at line {FirstDifferentLine(committed, fresh)}.");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Normalized(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static int FirstDifferentLine(string committed, string fresh)
    {
        var left = Normalized(committed).Split('\n');
        var right = Normalized(fresh).Split('\n');
        var line = 0;
        while (line < left.Length && line < right.Length && left[line] == right[line])
        {
            line++;
        }

        return line + 1;
    }
}
