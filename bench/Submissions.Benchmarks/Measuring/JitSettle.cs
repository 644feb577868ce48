using System.Diagnostics;
using System.Runtime;

namespace Submissions.Benchmarks.Measuring;

/// <summary>
/// Waits until the JIT has stopped compiling. Code that got hot just before timing — a seeder's, a warm-up's — is
/// recompiled at tier 1 on a background thread for seconds afterwards, and that thread's CPU would be charged to the
/// first timed runs (measured: a fifth of a second after seeding 100,000 votes).
/// </summary>
internal static class JitSettle
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public static async Task WaitAsync(CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var count = JitInfo.GetCompiledMethodCount();
        var quietSince = Stopwatch.StartNew();
        while (quietSince.Elapsed < Quiet && waited.Elapsed < Limit)
        {
            await Task.Delay(100, cancellationToken);
            var now = JitInfo.GetCompiledMethodCount();
            if (now != count)
            {
                (count, quietSince) = (now, Stopwatch.StartNew());
            }
        }
    }
}
