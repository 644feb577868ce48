using Submissions.Benchmarks.Measuring;

namespace Submissions.Benchmarks.Reporting;

/// <summary>
/// A rate as a fraction of its floor's. The floor does part of the same work and nothing else, so a ratio above 1.00 is
/// not a gain but noise (the machine, a GC, the emulator): such a cell is marked, and the report explains the mark.
/// </summary>
internal static class FloorRatio
{
    public const string Mark = "†";

    public const string Note =
        Mark + " app faster than its floor: noise. The floor does no more than part of the same work, so a ratio above 1.00 " +
        "says the run was disturbed (other load on the machine, a garbage collection, the emulator), not that the app is " +
        "faster; read such a row, and its neighbours, as unreliable and run again on an idle machine.";

    public static string Format(double ratio) =>
        Math.Round(ratio, 2) > 1.00 ? $"{Units.Ratio(ratio)} {Mark}" : Units.Ratio(ratio);

    /// <summary>Whether any cell of the rows carries the mark.</summary>
    public static bool AnyMarked(IEnumerable<IReadOnlyList<string>> rows) =>
        rows.Any(row => row.Any(cell => cell.EndsWith(Mark, StringComparison.Ordinal)));
}
