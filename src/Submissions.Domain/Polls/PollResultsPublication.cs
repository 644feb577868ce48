namespace Submissions.Domain.Polls;

/// <summary>
/// When the public results of a poll may change. Live tallies move with every vote, so two reads a minute apart would
/// show how one person voted; published results move only once at least <c>step</c> (the statistics minimum) votes
/// have been cast since they last moved — nothing is shown before the first <c>step</c> votes — so no change can be
/// narrowed to fewer than <c>step</c> voters. The price: results lag the live count by fewer than <c>step</c> votes,
/// a closed poll's final results included.
/// </summary>
public static class PollResultsPublication
{
    public static bool IsDue(long liveTotal, long publishedTotal, int step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        return liveTotal - publishedTotal >= step;
    }
}
