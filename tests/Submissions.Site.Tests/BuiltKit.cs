namespace Submissions.Site.Tests;

/// <summary>
/// The kit bundle where the site serves it (samples/site/kit/, git-ignored build output): built once per test class
/// with `node clients/typescript/build.mjs`, exactly what `npm run build:kit` runs, so a fresh clone needs no extra step.
/// </summary>
public sealed class BuiltKit : IAsyncLifetime
{
    public async ValueTask InitializeAsync()
    {
        var run = await NodeCommand.RunAsync(
            [NodeCommand.InRepository("clients", "typescript", "build.mjs")], TimeSpan.FromMinutes(2), CancellationToken.None);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm run build:kit failed: {run}");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
