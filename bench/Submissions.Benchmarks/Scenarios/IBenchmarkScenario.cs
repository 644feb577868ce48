using Submissions.Benchmarks.Reporting;

namespace Submissions.Benchmarks.Scenarios;

/// <summary>
/// One thing measured against its floor, the bare SDK call on the same data, in the same run. A scenario starts its own
/// app (its own tables) on the run's Azurite, seeds what it needs, and returns its section of the report. New ones
/// (forms, deliveries, poll results) are added to the list in Program.cs.
/// </summary>
internal interface IBenchmarkScenario
{
    /// <summary>The name `--Scenarios` selects it by.</summary>
    string Name { get; }

    Task<ReportSection> RunAsync(BenchContext context, CancellationToken cancellationToken);
}

/// <summary>What every scenario gets: the run's Azurite and options.</summary>
internal sealed record BenchContext(string ConnectionString, BenchOptions Options);
