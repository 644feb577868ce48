using System.Globalization;

namespace Submissions.Benchmarks.Measuring;

/// <summary>How figures are printed: invariant culture, so the committed report reads the same on every machine.</summary>
internal static class Units
{
    public static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("F1", CultureInfo.InvariantCulture);

    public static string Whole(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Tenths(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    public static string Hundredths(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>Two decimals; three below 0.1, so a small fraction (a delivery ÷ a bare POST) does not print as 0.00.</summary>
    public static string Ratio(double value) => value.ToString(value < 0.095 ? "F3" : "F2", CultureInfo.InvariantCulture);

    /// <summary>"1 round", "3 rounds".</summary>
    public static string Count(int count, string noun) => count.ToString("N0", CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");

    /// <summary>Latencies: tenths of a millisecond, hundredths below one.</summary>
    public static string Milliseconds(double value) => value.ToString(value < 1 ? "F2" : "F1", CultureInfo.InvariantCulture);
}
