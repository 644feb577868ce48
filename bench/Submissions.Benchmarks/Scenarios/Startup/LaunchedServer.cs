using System.Diagnostics;
using System.Net.Http.Headers;
using Submissions.Testing;

namespace Submissions.Benchmarks.Scenarios.Startup;

/// <summary>
/// A server process this run started (the local host with the app, or the trivial app), on a loopback port of its own:
/// the time from launch to its first registration answered 201, then registrations posted to it. Killed by its own
/// handle when disposed.
/// </summary>
internal sealed class LaunchedServer : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly Process process;

    private LaunchedServer(Process process, HttpClient client, TimeSpan ready)
    {
        this.process = process;
        Client = client;
        ReadyAfter = ready;
    }

    /// <summary>Process start → first registration answered 201 (the first request the server could serve included).</summary>
    public TimeSpan ReadyAfter { get; }

    public HttpClient Client { get; }

    /// <summary>Starts <paramref name="dll"/> with the settings as environment variables and waits for its first 201.</summary>
    public static async Task<LaunchedServer> StartAsync(string dll, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var port = AzuriteProcess.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--Port");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--KeysFile");
        start.ArgumentList.Add(Path.Combine(StartupBuilds.Root, "keys-" + port + ".json"));
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        start.Environment["Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + dll);
        // Drained so a chatty server never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            while (!await TryRegisterAsync(client, cancellationToken))
            {
                if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(120))
                {
                    throw new InvalidOperationException($"{Path.GetFileName(dll)} did not answer a registration within {clock.Elapsed.TotalSeconds:F0} s (exited: {process.HasExited}).");
                }

                await Task.Delay(10, cancellationToken);
            }

            return new LaunchedServer(process, client, clock.Elapsed);
        }
        catch
        {
            client.Dispose();
            Stop(process);
            throw;
        }
    }

    /// <summary>Posts one registration with a fresh address and idempotency key; true on 201.</summary>
    public static async Task<bool> TryRegisterAsync(HttpClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/registrations") { Content = new ByteArrayContent(RegistrationBody()) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            return (int)response.StatusCode == 201;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        Stop(process);
    }

    /// <summary>Answers the seeded demo labels (terms required), as the site's registration form does.</summary>
    private static byte[] RegistrationBody() => System.Text.Encoding.UTF8.GetBytes(
        $$"""{"email":"bench.{{Guid.NewGuid():N}}@example.test","displayName":"Bench Reader","consents":[{"labelId":"terms","version":1,"granted":true},{"labelId":"special-offers","version":1,"granted":false},{"labelId":"demographics","version":1,"granted":false}]}""");

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process.Dispose();
    }
}
