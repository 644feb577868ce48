using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Submissions.Benchmarks;
using Submissions.Benchmarks.Reporting;
using Submissions.Benchmarks.Scenarios;
using Submissions.Benchmarks.Scenarios.Exports;
using Submissions.Testing;

// The one command: dotnet run -c Release --project bench/Submissions.Benchmarks [-- --Rows … --Repeats … --Output …]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var options = new ConfigurationBuilder().AddCommandLine(args).Build().Get<BenchOptions>() ?? new BenchOptions();
IBenchmarkScenario[] scenarios = [new ExportScenario()];

// Ctrl+C ends the run cleanly, so Azurite is still stopped by PID on the way out.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var total = Stopwatch.StartNew();
var loadAtStart = PerformanceReport.LoadAverage();
Console.WriteLine("Starting Azurite (in-memory, loopback)…");
var sections = new List<ReportSection>();
using (var azurite = await AzuriteProcess.StartAsync())
{
    var context = new BenchContext(azurite.ConnectionString, options);
    foreach (var scenario in scenarios.Where(scenario => options.Includes(scenario.Name)))
    {
        Console.WriteLine($"== {scenario.Name} ==");
        sections.Add(await scenario.RunAsync(context, cancellation.Token));
    }
}

var report = PerformanceReport.Render(sections, PerformanceReport.EnvironmentLine(AzuriteProcess.Version, total.Elapsed, loadAtStart));
Console.WriteLine();
Console.WriteLine(report);
if (options.Output.Length > 0)
{
    var path = Path.Combine(RepositoryPaths.Root, options.Output);
    await File.WriteAllTextAsync(path, report, cancellation.Token);
    Console.WriteLine($"Wrote {path}");
}
