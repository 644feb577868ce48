using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Submissions.Benchmarks;
using Submissions.Benchmarks.Hosting;
using Submissions.Benchmarks.Reporting;
using Submissions.Benchmarks.Scenarios;
using Submissions.Benchmarks.Scenarios.Deliveries;
using Submissions.Benchmarks.Scenarios.Exports;
using Submissions.Benchmarks.Scenarios.Forms;
using Submissions.Benchmarks.Scenarios.History;
using Submissions.Benchmarks.Scenarios.PollResults;
using Submissions.Benchmarks.Scenarios.Viral;
using Submissions.Testing;

// The one command: dotnet run -c Release --project bench/Submissions.Benchmarks [-- --Scenarios … --Submissions … --Output …]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var options = new ConfigurationBuilder().AddCommandLine(args).Build().Get<BenchOptions>() ?? new BenchOptions();
IBenchmarkScenario[] scenarios = [new FormScenario(), new DeliveryScenario(), new PollResultsScenario(), new ExportScenario(), new ViralScenario(), new HistoryScenario(), new Submissions.Benchmarks.Scenarios.Startup.StartupScenario()];
BenchApp.AddedStorageDelay = TimeSpan.FromMilliseconds(options.StorageDelayMs);

// Ctrl+C ends the run cleanly, so Azurite is still stopped by PID on the way out.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var total = Stopwatch.StartNew();
var loadAtStart = PerformanceReport.LoadAverage();
var sections = new List<ReportSection>();
foreach (var scenario in scenarios.Where(scenario => options.Includes(scenario.Name, scenario.OptIn)))
{
    Console.WriteLine($"== {scenario.Name} ==");
    Console.WriteLine($"  starting a fresh Azurite ({(scenario.OnDisk ? "on disk" : "in memory")}, loopback)…");
    var started = Stopwatch.StartNew();
    using (var azurite = await AzuriteProcess.StartAsync(scenario.OnDisk))
    {
        sections.Add(await scenario.RunAsync(new BenchContext(azurite.ConnectionString, options), cancellation.Token));
    }

    Console.WriteLine($"  {scenario.Name} took {started.Elapsed.TotalMinutes:F1} min");
}

var report = PerformanceReport.Render(sections, PerformanceReport.EnvironmentLine(AzuriteProcess.Version, total.Elapsed, loadAtStart, BenchApp.AddedStorageDelay));
Console.WriteLine();
Console.WriteLine(report);
if (options.Output.Length > 0)
{
    var path = Path.Combine(RepositoryPaths.Root, options.Output);
    await File.WriteAllTextAsync(path, report, cancellation.Token);
    Console.WriteLine($"Wrote {path}");
}
