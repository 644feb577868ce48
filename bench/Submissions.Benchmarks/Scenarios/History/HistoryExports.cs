using Submissions.Benchmarks.Measuring;

namespace Submissions.Benchmarks.Scenarios.History;

/// <summary>
/// The one-day export measured twice: by a scan before the day index exists (<see cref="ScanCovered"/>: the entities its
/// queries' key ranges cover, null for an "or" filter) and through the index after its first run; both wrote <see cref="Rows"/>.
/// </summary>
internal sealed record HistoryExports(LoadRun Scanned, long? ScanCovered, LoadRun Indexed, long Rows);
