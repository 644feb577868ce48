namespace Submissions.Domain.Statistics;

/// <summary>
/// Small-count suppression for published statistics. Every count below <see cref="Minimum"/> is suppressed (zero
/// included: "nobody" is a small count too), and a group — cells that add up to a total — also hides enough else
/// that no suppressed count can be recovered by subtracting published numbers (see <see cref="ComplementRule"/>).
/// Pure: no storage, no clock.
/// </summary>
public sealed class SmallCountSuppression
{
    public const int DefaultMinimum = 10;

    public SmallCountSuppression(int minimum = DefaultMinimum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimum, 1);
        Minimum = minimum;
    }

    public int Minimum { get; }

    /// <summary>One count on its own: published when at least the minimum.</summary>
    public long? Count(long value) => value >= Minimum ? value : null;

    /// <summary>
    /// Suppresses a group of non-negative cells whose total is their sum.
    /// </summary>
    /// <param name="cells">The counts of the group, in display order.</param>
    /// <param name="rule">What is hidden besides the small cells.</param>
    /// <param name="totalHiddenElsewhere">
    /// The total is linked to a number suppressed in another group (it must not become derivable here): the total is
    /// hidden, and so are all cells unless one of them already is.
    /// </param>
    public SuppressedGroup Group(IReadOnlyList<long> cells, ComplementRule rule, bool totalHiddenElsewhere = false)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Any(cell => cell < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(cells), "Counts are never negative.");
        }

        var total = cells.Sum();
        var anySmall = cells.Any(cell => cell < Minimum);
        var totalShown = total >= Minimum && !totalHiddenElsewhere;
        bool hideAllCells;
        if (rule == ComplementRule.SuppressTotal)
        {
            totalShown &= !anySmall;

            // A hidden total with every cell published would be their sum: hide the cells too.
            hideAllCells = !totalShown && !anySmall;
        }
        else
        {
            hideAllCells = anySmall || !totalShown;
        }

        return new SuppressedGroup(
            [.. cells.Select(cell => hideAllCells ? null : Count(cell))],
            totalShown ? total : null);
    }
}
