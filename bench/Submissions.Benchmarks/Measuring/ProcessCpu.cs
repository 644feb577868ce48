using System.Diagnostics;

namespace Submissions.Benchmarks.Measuring;

/// <summary>This process's CPU time so far, every thread and the GC included (Azurite is another process).</summary>
internal static class ProcessCpu
{
    public static TimeSpan Now()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
