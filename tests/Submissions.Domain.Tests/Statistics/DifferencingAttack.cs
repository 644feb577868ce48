using Submissions.Domain.Statistics;

namespace Submissions.Domain.Tests.Statistics;

/// <summary>
/// What an attacker can compute from one published group: every difference of two published numbers, and the total
/// minus every subset of published cells. Used to show a suppressed value is never among them.
/// </summary>
public static class DifferencingAttack
{
    public static HashSet<long> Derivable(SuppressedGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var visible = group.Cells.Where(cell => cell is not null).Select(cell => cell!.Value).ToList();
        var published = group.Total is { } shown ? [.. visible, shown] : visible;
        var derived = new HashSet<long>();
        for (var a = 0; a < published.Count; a++)
        {
            for (var b = 0; b < published.Count; b++)
            {
                if (a != b)
                {
                    derived.Add(published[a] - published[b]);
                }
            }
        }

        if (group.Total is { } total)
        {
            for (var mask = 0; mask < 1 << visible.Count; mask++)
            {
                derived.Add(total - visible.Where((_, i) => (mask & (1 << i)) != 0).Sum());
            }
        }

        return derived;
    }

    /// <summary>The values a group hides.</summary>
    public static IEnumerable<long> Hidden(IReadOnlyList<long> cells, SuppressedGroup group)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(group);
        return cells.Where((_, i) => group.Cells[i] is null);
    }
}
