using System.Globalization;

namespace Submissions.Benchmarks.Measuring;

/// <summary>How figures are printed: invariant culture, so the committed report reads the same on every machine.</summary>
internal static class Units
{
    public static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("F1", CultureInfo.InvariantCulture);

    public static string Whole(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Tenths(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    public static string Ratio(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
