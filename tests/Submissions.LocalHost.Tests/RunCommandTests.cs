using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Submissions.Testing;

namespace Submissions.LocalHost.Tests;

/// <summary>
/// The README's run command, used as a tester would: started, waited for, a registration and a promotion entry
/// submitted through it, the entry's lead seen arriving at the reference receiver, the example site answering and
/// allowed by the API's CORS, smtp4dev taking a mail and showing it on its web API, then stopped — every process it
/// started gone, and nothing left listening on its ports. Its ports and folders are moved (environment variables the script documents) so it cannot collide with
/// anything else on the machine; it uses the build the test command just made.
/// </summary>
public sealed partial class RunCommandTests
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task The_run_command_brings_up_the_app_and_receiver_and_a_lead_arrives_then_it_stops_everything()
    {
        var folder = Directory.CreateTempSubdirectory("run-command-").FullName;
        var ports = Enumerable.Range(0, 8).Select(_ => AzuriteProcess.FreePort()).ToArray();
        using var run = Start(folder, ports);
        try
        {
            await run.WaitForOutputAsync(ReadyLine(), ReadyWithin);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[0]}/api/") };

            using var registration = await SubmitAsync(client, "registration", "registrations", new JsonObject { ["email"] = "tester@example.test", ["displayName"] = "Tester" });
            Assert.Equal(HttpStatusCode.Created, registration.StatusCode);
            using var entry = await SubmitAsync(client, "promotion&promotionId=demo-promotion", "promotions/demo-promotion/entries", new JsonObject
            {
                ["email"] = "entrant@example.test",
                ["name"] = "Entrant",
                ["fields"] = new JsonObject { ["answer"] = "42" },
            });
            Assert.Equal(HttpStatusCode.Created, entry.StatusCode);

            // Nothing leaves before the entrant confirms: the confirmation mail reaches smtp4dev, and its link confirms.
            await ConfirmFromSmtp4devAsync(client, ports[7], "entrant@example.test");

            // The reference receiver logs each verified lead: the entry went through the queue trigger, was signed
            // with the demo partner's secret, and verified.
            await run.WaitForOutputAsync(AcceptedLead(), TimeSpan.FromSeconds(60));

            // The example site is up, pointed at this API, and the API lets its origin read answers (CORS).
            using var site = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[1]}/") };
            Assert.Contains($":{ports[0]}/api", await site.GetStringAsync("config.js", TestContext.Current.CancellationToken), StringComparison.Ordinal);
            Assert.Contains("<form id=\"registration-form\"", await site.GetStringAsync("registration.html", TestContext.Current.CancellationToken), StringComparison.Ordinal);
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "registrations");
            preflight.Headers.Add("Origin", $"http://localhost:{ports[1]}");
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            using var allowed = await client.SendAsync(preflight, TestContext.Current.CancellationToken);
            Assert.Equal($"http://localhost:{ports[1]}", Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));

            await AssertSmtp4devShowsAMailAsync(run, ports[6], ports[7]);
        }
        finally
        {
            await run.StopAsync();
            Directory.Delete(folder, recursive: true);
        }

        Assert.Equal(143, run.ExitCode);
        foreach (var personal in new[] { "tester@example.test", "entrant@example.test", "?code=" })
        {
            Assert.DoesNotContain(personal, run.Output, StringComparison.OrdinalIgnoreCase);
        }

        var started = StartedLine().Matches(run.Output).Select(match => int.Parse(match.Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(started.Count >= 5, "Azurite, smtp4dev, the receiver, the app and the site were started:\n" + run.Output);
        Assert.All(started, pid => Assert.False(IsRunning(pid), $"process {pid} outlived the run command"));
        Assert.Contains(started, pid => run.Output.Contains($"Started smtp4dev (pid {pid})", StringComparison.Ordinal));

        // smtp4dev runs as a child of `dotnet`: its ports being free shows that the child went too.
        Assert.All(ports, port => Assert.False(IsListening(port), $"port {port} is still listened on after the run command stopped"));
    }

    /// <summary>
    /// Reads the confirmation mail to <paramref name="recipient"/> from smtp4dev's web API, as a tester would open it,
    /// and presses its link's button (a POST of the link's token to the API).
    /// </summary>
    private static async Task ConfirmFromSmtp4devAsync(HttpClient api, int webPort, string recipient)
    {
        using var web = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/") };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string? id = null;
        while (id is null)
        {
            using var listing = System.Text.Json.JsonDocument.Parse(await web.GetStringAsync("api/messages", TestContext.Current.CancellationToken));
            var items = listing.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array
                ? listing.RootElement.EnumerateArray().ToList()
                : listing.RootElement.GetProperty("results").EnumerateArray().ToList();
            id = items.FirstOrDefault(item => item.GetRawText().Contains(recipient, StringComparison.OrdinalIgnoreCase)) is { ValueKind: System.Text.Json.JsonValueKind.Object } found
                ? found.GetProperty("id").ToString()
                : null;
            if (id is null)
            {
                Assert.True(DateTime.UtcNow < deadline, "The confirmation mail did not reach smtp4dev within 60 s.");
                await Task.Delay(500, TestContext.Current.CancellationToken);
            }
        }

        // The text part as smtp4dev shows it; the raw message (soft line breaks of quoted-printable joined) otherwise.
        Match? token = null;
        foreach (var view in new[] { "plaintext", "raw", "download" })
        {
            using var shown = await web.GetAsync($"api/messages/{id}/{view}", TestContext.Current.CancellationToken);
            var text = (await shown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Replace("=\r\n", string.Empty, StringComparison.Ordinal);
            token = ConfirmToken().Match(text);
            if (shown.IsSuccessStatusCode && token.Success)
            {
                break;
            }
        }

        Assert.True(token is { Success: true }, "The confirmation mail holds no confirm link.");
        using var confirmed = await api.PostAsync($"confirm?token={token!.Groups[1].Value}", content: null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
    }

    [GeneratedRegex(@"/api/confirm\?token=([A-Za-z0-9_%-]+)")]
    private static partial Regex ConfirmToken();

    /// <summary>
    /// The printed mail URL is smtp4dev's web page; a mail sent to its SMTP port (as the app does) shows in its API.
    /// Each step has its own deadline, so a failure says which one.
    /// </summary>
    private static async Task AssertSmtp4devShowsAMailAsync(RunningScript run, int smtpPort, int webPort)
    {
        Assert.Matches(MailLine(webPort), run.Output);
        using var web = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/"), Timeout = TimeSpan.FromSeconds(20) };
        using (var listing = await web.GetAsync("api/messages", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
        }

        var subject = "Run command check " + Guid.NewGuid().ToString("N");
        using var message = new MimeKit.MimeMessage(
            [new MimeKit.MailboxAddress("Example Site", "no-reply@example.test")],
            [new MimeKit.MailboxAddress(null, "smtp4dev-check@example.test")],
            subject,
            new MimeKit.TextPart("plain") { Text = "Sent by RunCommandTests." });
        using (var smtp = new MailKit.Net.Smtp.SmtpClient { Timeout = 20_000 })
        {
            await smtp.ConnectAsync("127.0.0.1", smtpPort, MailKit.Security.SecureSocketOptions.None, TestContext.Current.CancellationToken);
            await smtp.SendAsync(message, TestContext.Current.CancellationToken);
            await smtp.DisconnectAsync(quit: true, TestContext.Current.CancellationToken);
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(await web.GetStringAsync("api/messages", TestContext.Current.CancellationToken)).Contains(subject, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "The mail sent to smtp4dev did not show in its API within 30 s.");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    private static Regex MailLine(int webPort) => new($@"^  Mail \(smtp4dev\) http://127\.0\.0\.1:{webPort}/", RegexOptions.Multiline);

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>Answers every label the form shows: granted (so the entry's lead is shared), as a person ticking yes would.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string form, string route, JsonObject body)
    {
        var labels = await client.GetFromJsonAsync<JsonObject>("consent-labels?form=" + form, TestContext.Current.CancellationToken);
        body["consents"] = new JsonArray([.. labels!["labels"]!.AsArray().Select(label => (JsonNode)new JsonObject
        {
            ["labelId"] = label!["labelId"]!.GetValue<string>(),
            ["version"] = label["version"]!.GetValue<int>(),
            ["granted"] = true,
        })]);
        using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static RunningScript Start(string folder, int[] ports)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(".ci", "run-local.sh")])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["APP_PORT"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["SITE_PORT"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["RECEIVER_PORT"] = ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AZURITE_BLOB_PORT"] = ports[3].ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AZURITE_QUEUE_PORT"] = ports[4].ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AZURITE_TABLE_PORT"] = ports[5].ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AZURITE_LOCATION"] = Path.Combine(folder, "azurite");
        start.Environment["HOST_KEYS_FILE"] = Path.Combine(folder, "host-keys.json");
        start.Environment["SMTP_PORT"] = ports[6].ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["SMTP_WEB_PORT"] = ports[7].ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["SMTP4DEV_DATA"] = Path.Combine(folder, "smtp4dev");
        start.Environment["SUBMISSIONS_HOST"] = "local";
        start.Environment["SKIP_BUILD"] = "1";
        start.Environment["CONFIGURATION"] = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        return new RunningScript(Process.Start(start)!);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^Ready in \d+ s", RegexOptions.Multiline)]
    private static partial Regex ReadyLine();

    [GeneratedRegex(@"Webhook [0-9a-f]{32} accepted")]
    private static partial Regex AcceptedLead();

    [GeneratedRegex(@"^Started (?<name>\S+) \(pid (?<pid>\d+)\)", RegexOptions.Multiline)]
    private static partial Regex StartedLine();
}
