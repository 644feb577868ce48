using Submissions.Benchmarks.Reporting;

namespace Submissions.Benchmarks.Scenarios;

/// <summary>
/// One thing measured against its floor (the bare SDK call or HTTP POST doing the same work) in the same run. Each
/// scenario gets an Azurite of its own, so what one scenario left in the emulator (rows, queue messages, its heap)
/// cannot slow the next; it starts its own app on it, seeds what it needs, and returns its section of the report.
/// </summary>
internal interface IBenchmarkScenario
{
    /// <summary>The name `--Scenarios` selects it by.</summary>
    string Name { get; }

    /// <summary>
    /// Azurite on disk rather than in memory: in memory it freezes every 60 s while it removes deleted queue messages
    /// one at a time, so queue-heavy scenarios use a disk folder of their own.
    /// </summary>
    bool OnDisk { get; }

    /// <summary>Run only when `--Scenarios` names it, never in the default run.</summary>
    bool OptIn => false;

    Task<ReportSection> RunAsync(BenchContext context, CancellationToken cancellationToken);
}

/// <summary>What every scenario gets: its own Azurite and the run's options.</summary>
internal sealed record BenchContext(string ConnectionString, BenchOptions Options);
