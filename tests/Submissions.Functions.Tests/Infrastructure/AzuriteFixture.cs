using Submissions.Testing;

[assembly: AssemblyFixture(typeof(Submissions.Functions.Tests.Infrastructure.AzuriteFixture))]

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>
/// One real Azurite for the whole test assembly (<see cref="AzuriteProcess"/>). Tests isolate themselves by table
/// prefix, so they run in parallel against it.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? azurite;

    public string ConnectionString => azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not started.");

    public int TablePort => azurite?.TablePort ?? 0;

    /// <summary>This Azurite's connection string with the table endpoint moved to a loopback port nobody listens on.</summary>
    public string RefusingConnectionString() =>
        ConnectionString.Replace($":{TablePort}/", $":{FreePort()}/", StringComparison.Ordinal);

    public static int FreePort() => AzuriteProcess.FreePort();

    public async ValueTask InitializeAsync() => azurite = await AzuriteProcess.StartAsync();

    public ValueTask DisposeAsync()
    {
        var unexpectedExit = azurite?.UnexpectedExit;
        azurite?.Dispose();
        return unexpectedExit is null ? ValueTask.CompletedTask : throw new InvalidOperationException(unexpectedExit);
    }
}
