namespace Submissions.Benchmarks.Hosting;

/// <summary>
/// The app's clock, running as the system clock does but moved by an offset the harness sets: the history scenario
/// posts a year of submissions through the app, each day's on that day, so whatever layout the app keeps by day is
/// the app's own.
/// </summary>
internal sealed class MovableClock : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));
        set => Interlocked.Exchange(ref offsetTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
