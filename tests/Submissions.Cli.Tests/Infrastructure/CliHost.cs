using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Testing;

namespace Submissions.Cli.Tests.Infrastructure;

/// <summary>
/// A local host for one test on an Azurite of its own, mailing the shared SMTP listener (so submissions can be confirmed
/// from their mail), and the CLI pointed at it with its default key. Its own Azurite and no table prefix: the local
/// host's queue triggers listen on the unprefixed queue names of functions.metadata, so mail, deliveries and export
/// jobs run only for an app whose storage is unprefixed.
/// </summary>
internal sealed partial class CliHost(LocalHostUnderTest host, AzuriteProcess storage, AzuriteFixture azurite) : IAsyncDisposable
{
    public LocalHostUnderTest Host => host;

    public HttpClient Client => host.Client;

    public static async Task<CliHost> StartAsync(AzuriteFixture azurite, IDictionary<string, string>? settings = null)
    {
        var storage = await AzuriteProcess.StartAsync();
        var values = new Dictionary<string, string>
        {
            ["Storage__TablePrefix"] = string.Empty,
            ["Mail__Port"] = azurite.Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail__Security"] = "None",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }

        try
        {
            return new CliHost(await LocalHostUnderTest.StartAsync(storage.ConnectionString, values), storage, azurite);
        }
        catch
        {
            storage.Dispose();
            throw;
        }
    }

    public static string NewEmail() => $"cli.{Guid.NewGuid():N}@example.test";

    /// <summary>Runs the CLI with --url and --key of this host before <paramref name="args"/>.</summary>
    public Task<CliResult> RunAsync(params string[] args) =>
        CliRunner.RunAsync(["--url", host.BaseUrl, "--key", host.DefaultKey, .. args]);

    /// <summary>Runs the CLI as in a terminal, where progress is a live bar.</summary>
    public Task<CliResult> RunInTerminalAsync(params string[] args) =>
        CliRunner.RunAsync(["--url", host.BaseUrl, "--key", host.DefaultKey, .. args], interactive: true);

    /// <summary>Runs the CLI with --json and parses what it printed.</summary>
    public async Task<JsonElement> RunJsonAsync(params string[] args)
    {
        var result = await RunAsync([.. args, "--json"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Out);
        return document.RootElement.Clone();
    }

    public async Task<JsonElement> PostPublicAsync(string path, object body)
    {
        using var response = await host.Client.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Registers a person through the public form (the seeded labels answered) and confirms from their mail.</summary>
    public async Task RegisterAsync(string email, string displayName = "Ada Lovelace")
    {
        await PostPublicAsync("api/registrations", new
        {
            email,
            displayName,
            consents = new object[]
            {
                new { labelId = "terms", version = 1, granted = true },
                new { labelId = "special-offers", version = 1, granted = true },
                new { labelId = "demographics", version = 1, granted = false },
            },
        });
        await ConfirmFromMailAsync(email);
    }

    /// <summary>Enters the demo promotion, sharing with the demo partner, and confirms from the mail.</summary>
    public async Task EnterDemoPromotionAsync(string email)
    {
        await PostPublicAsync("api/promotions/demo-promotion/entries", new
        {
            email,
            name = "Entrant Name",
            fields = new { answer = "Blue" },
            consents = new object[]
            {
                new { labelId = "promotion-terms", version = 1, granted = true },
                new { labelId = "demo-partner-sharing", version = 1, granted = true },
            },
        });
        await ConfirmFromMailAsync(email);
    }

    /// <summary>Confirms as the owner's mail program would: the POST of the confirm link in the mail the listener got.</summary>
    public async Task ConfirmFromMailAsync(string email)
    {
        var mail = await azurite.Mail.WaitForAsync(email, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var link = ConfirmLink().Match(mail.Message.TextBody ?? string.Empty);
        Assert.True(link.Success, "The confirmation mail holds a confirm link.");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/confirm?token=" + link.Groups[1].Value);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        storage.Dispose();
    }

    [GeneratedRegex(@"/api/confirm\?token=([A-Za-z0-9_-]+)")]
    private static partial Regex ConfirmLink();
}
