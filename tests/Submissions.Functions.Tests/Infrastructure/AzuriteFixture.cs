using Submissions.Testing;

[assembly: AssemblyFixture(typeof(Submissions.Functions.Tests.Infrastructure.AzuriteFixture))]

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>
/// One real Azurite for the whole test assembly (<see cref="AzuriteProcess"/>), and one real SMTP listener on loopback
/// (<see cref="LoopbackSmtpServer"/>) that every TestApp mails to unless a test points it elsewhere. Tests
/// isolate themselves by table prefix and by unique recipient addresses, so they run in parallel against both.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? azurite;
    private LoopbackSmtpServer? mail;

    /// <summary>The shared SMTP listener, for TestApp's default settings (null before the fixture starts).</summary>
    internal static LoopbackSmtpServer? SharedMail { get; private set; }

    public string ConnectionString => azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not started.");

    public int TablePort => azurite?.TablePort ?? 0;

    /// <summary>
    /// The SMTP listener every test app sends to: find a test's mails by its unique recipient address
    /// (<see cref="LoopbackSmtpServer.MessagesTo"/>). A test that simulates a whole-relay outage starts its own.
    /// </summary>
    internal LoopbackSmtpServer Mail => mail ?? throw new InvalidOperationException("The SMTP listener is not started.");

    /// <summary>This Azurite's connection string with the table endpoint moved to a loopback port nobody listens on.</summary>
    public string RefusingConnectionString() =>
        ConnectionString.Replace($":{TablePort}/", $":{FreePort()}/", StringComparison.Ordinal);

    public static int FreePort() => AzuriteProcess.FreePort();

    public async ValueTask InitializeAsync()
    {
        azurite = await AzuriteProcess.StartAsync();
        mail = await LoopbackSmtpServer.StartAsync();
        SharedMail = mail;
    }

    public async ValueTask DisposeAsync()
    {
        if (mail is not null)
        {
            await mail.DisposeAsync();
        }

        var unexpectedExit = azurite?.UnexpectedExit;
        azurite?.Dispose();
        if (unexpectedExit is not null)
        {
            throw new InvalidOperationException(unexpectedExit);
        }
    }
}
