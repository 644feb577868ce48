using System.Diagnostics;
using Azure.Data.Tables;
using Submissions.Benchmarks.Measuring;
using Submissions.Benchmarks.Reporting;
using Submissions.Testing;

namespace Submissions.Benchmarks.Scenarios.Startup;

/// <summary>
/// Cold start and per-request cost against a trivial app on the same Azurite, as ratios: process launch → first
/// registration answered, for the app as deployed (ReadyToRun, no table creation) and as before (JIT, tables created at
/// every start); then registrations per second at concurrency 8 through the local host against one-entity POSTs.
/// </summary>
internal sealed class StartupScenario : IBenchmarkScenario
{
    private const int Launches = 5;
    private const int WarmUp = 50;
    private const int Requests = 400;
    private const int Concurrency = 8;

    private static readonly string[] Columns = ["variant", "launches", "ready (median)", "ratio to trivial", "min … max"];

    public string Name => "startup";

    public bool OnDisk => false;

    /// <summary>It publishes the app twice and times cold starts, which a loaded machine skews: run when named.</summary>
    public bool OptIn => true;

    public async Task<ReportSection> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        Console.WriteLine("  publishing the app under the local host (JIT and ReadyToRun, linux-x64) and the trivial app…");
        var jit = Path.Combine(await StartupBuilds.PublishLocalHostAsync(readyToRun: false, cancellationToken), "Submissions.LocalHost.dll");
        var r2r = Path.Combine(await StartupBuilds.PublishLocalHostAsync(readyToRun: true, cancellationToken), "Submissions.LocalHost.dll");
        var trivial = Path.Combine(await StartupBuilds.PublishTrivialAsync(cancellationToken), "Trivial.dll");

        var prefix = "bs" + Guid.NewGuid().ToString("N")[..8];
        var trivialSettings = new Dictionary<string, string> { ["SubmissionsStorage"] = context.ConnectionString, ["TrivialTable"] = prefix + "Trivial" };
        await new TableClient(context.ConnectionString, prefix + "Trivial").CreateIfNotExistsAsync(cancellationToken);
        // One untimed start creates the app's tables and seeds the demo labels the registrations answer.
        using (await LaunchedServer.StartAsync(jit, AppSettings(context.ConnectionString, prefix, createOnStart: true, seed: true), cancellationToken))
        {
        }

        (string Name, string Dll, IReadOnlyDictionary<string, string> Settings)[] variants =
        [
            ("trivial app (one entity per POST)", trivial, trivialSettings),
            ("app before: JIT, tables created at start", jit, AppSettings(context.ConnectionString, prefix, createOnStart: true, seed: false)),
            ("app: JIT, no table creation", jit, AppSettings(context.ConnectionString, prefix, createOnStart: false, seed: false)),
            ("app as deployed: ReadyToRun, no table creation", r2r, AppSettings(context.ConnectionString, prefix, createOnStart: false, seed: false)),
            ("app as deployed, TieredPGO off", r2r, new Dictionary<string, string>(AppSettings(context.ConnectionString, prefix, createOnStart: false, seed: false)) { ["DOTNET_TieredPGO"] = "0" }),
        ];

        var ready = await MeasureLaunchesAsync(variants, cancellationToken);
        var rows = variants.Select((variant, index) => (IReadOnlyList<string>)
        [
            variant.Name,
            ready[index].Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{Statistics.Median(ready[index]):F2} s",
            $"{Statistics.Median(ready[index].Select((seconds, round) => seconds / ready[0][round])):F2}",
            $"{ready[index].Min():F2} … {ready[index].Max():F2} s",
        ]).ToList();

        var appRate = await RegistrationRateAsync(r2r, AppSettings(context.ConnectionString, prefix, createOnStart: false, seed: false), cancellationToken);
        var trivialRate = await RegistrationRateAsync(trivial, trivialSettings, cancellationToken);
        rows.Add(["registrations/s at c=8: app through the local host ÷ trivial", "1 each", $"{appRate:F0} vs {trivialRate:F0} /s", $"{appRate / trivialRate:F2}", string.Empty]);

        return Report(rows);
    }

    private static ReportSection Report(List<IReadOnlyList<string>> rows) =>
        new(
            "Start-up",
            "Each variant launched as its own process (`dotnet <dll>`) on a loopback port against this scenario's Azurite, " +
            "timed from the launch to the first `POST /api/registrations` answered 201 (polled every 10 ms; the first request " +
            "it serves included). The app runs under the local host (tools/Submissions.LocalHost), which builds the worker's " +
            "own composition root in its process and serves its HTTP functions — there is no Functions host (`func`) on this " +
            "machine, so the host's own start and its proxy hop are not in these figures. The trivial app is a minimal ASP.NET " +
            "Core app writing one entity per POST. Last row: after the launch, 50 warm-up registrations then 400 at " +
            "concurrency 8, each app on its own; registrations per second, app ÷ trivial.",
            Columns,
            rows,
            [
                "ratio to trivial: the median over the rounds of the variant's time ÷ the trivial app's time in the same round " +
                "(paired, so a change of load on the machine between rounds cancels out; the medians of the times alone do not). The app is in Development with " +
                "`Storage__CreateOnStart` set as the row says and no demo seeding (`Demo__SeedOnStart=false`): a production " +
                "instance's start-up. \"Before\" approximates the previous start-up (tables and queues created at every start, " +
                "JIT); the catalog preload runs in every app row.",
                "ReadyToRun: `dotnet publish -r linux-x64 -p:PublishReadyToRun=true`, as src/Submissions.Functions.csproj publishes " +
                "for the Flex Consumption plan; TieredPGO off: the same build with `DOTNET_TieredPGO=0`.",
                "A registration does more than the trivial app's one entity (validation, consent ledger rows and the subject's " +
                "index in one transaction, a confirmation row and a mail queue message), so the per-request ratio is the cost " +
                "of that work plus the local host's dispatch, not of the host's proxy.",
            ]);

    /// <summary>Rounds of every variant in turn, so a load change on the machine touches them all alike.</summary>
    private static async Task<List<double>[]> MeasureLaunchesAsync(
        (string Name, string Dll, IReadOnlyDictionary<string, string> Settings)[] variants, CancellationToken cancellationToken)
    {
        var ready = variants.Select(_ => new List<double>()).ToArray();
        for (var launch = 0; launch < Launches; launch++)
        {
            for (var index = 0; index < variants.Length; index++)
            {
                using var server = await LaunchedServer.StartAsync(variants[index].Dll, variants[index].Settings, cancellationToken);
                ready[index].Add(server.ReadyAfter.TotalSeconds);
                Console.WriteLine($"  {variants[index].Name}: ready in {server.ReadyAfter.TotalSeconds:F2} s");
            }
        }

        return ready;
    }

    private static Dictionary<string, string> AppSettings(string connectionString, string prefix, bool createOnStart, bool seed) => new()
    {
        ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
        ["SubmissionsStorage"] = connectionString,
        // Also moves the app's queues off the names the local host's queue triggers read: no mail is delivered meanwhile.
        ["Storage__TablePrefix"] = prefix,
        ["Storage__CreateOnStart"] = createOnStart ? "true" : "false",
        ["Demo__SeedOnStart"] = seed ? "true" : "false",
        ["Privacy__SubjectKeyPepper"] = "bench-startup-pepper-0123456789abcdef0123",
        ["Admin__RequireRole"] = "false",
        ["RateLimits__PermitsPerWindow"] = "1000000",
        ["Mail__Host"] = "127.0.0.1",
        ["Mail__Port"] = AzuriteProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail__From"] = "Bench <no-reply@example.test>",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    private static async Task<double> RegistrationRateAsync(string dll, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        using var server = await LaunchedServer.StartAsync(dll, settings, cancellationToken);
        await PostAsync(server.Client, WarmUp, cancellationToken);
        var clock = Stopwatch.StartNew();
        await PostAsync(server.Client, Requests, cancellationToken);
        return Requests / clock.Elapsed.TotalSeconds;
    }

    private static async Task PostAsync(HttpClient client, int count, CancellationToken cancellationToken)
    {
        var remaining = count;
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                if (!await LaunchedServer.TryRegisterAsync(client, cancellationToken))
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} of {count} registrations were not answered 201.");
        }
    }
}
