using System.Globalization;

namespace Submissions.Application.Deliveries;

/// <summary>
/// How long a lead or notice waits before each retry after a transient failure (<see cref="DeliveryOptions.RetrySchedule"/>):
/// the n-th delay follows the n-th failed attempt; once they are used up, the next failure is final (a dead letter).
/// </summary>
public sealed class RetrySchedule
{
    /// <summary>A queue message lives 7 days, invisible time included: a wait stays a day short of that.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(6);

    public const int MaxRetries = 20;

    private RetrySchedule(IReadOnlyList<TimeSpan> delays) => Delays = delays;

    public IReadOnlyList<TimeSpan> Delays { get; }

    /// <summary>From the first try to the last retry, when every attempt fails at once.</summary>
    public TimeSpan Span => Delays.Aggregate(TimeSpan.Zero, (sum, delay) => sum + delay);

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt, or null when it was the last.</summary>
    public TimeSpan? DelayAfter(int attempts) => attempts >= 1 && attempts <= Delays.Count ? Delays[attempts - 1] : null;

    /// <summary>Comma-separated TimeSpans ("00:00:05, 00:05:00, …"), 1 to <see cref="MaxRetries"/> of them, each 0 to 6 days.</summary>
    public static bool TryParse(string? text, out RetrySchedule schedule)
    {
        schedule = new RetrySchedule([]);
        var delays = new List<TimeSpan>();
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries))
        {
            if (!TimeSpan.TryParse(part, CultureInfo.InvariantCulture, out var delay) || delay < TimeSpan.Zero || delay > MaxDelay)
            {
                return false;
            }

            delays.Add(delay);
        }

        if (delays.Count is 0 or > MaxRetries)
        {
            return false;
        }

        schedule = new RetrySchedule(delays);
        return true;
    }

    public static RetrySchedule Parse(string? text) =>
        TryParse(text, out var schedule) ? schedule : throw new FormatException("Delivery__RetrySchedule is not a list of 1 to 20 waits of 0 to 6 days.");
}
