namespace Submissions.Domain.Statistics;

/// <summary>
/// What a group hides besides its small cells, so that no hidden cell can be recovered by subtracting published
/// numbers (complementary suppression). Hiding "the next smallest cell" is deliberately not offered: an attacker who
/// knows the rule learns that the extra hidden cell is at most the smallest visible one, which can pin the small cell
/// exactly (cells 9, 12, 12 with total 33: hidden 9 and 12 sum to 21, the extra one is 10..12, so the small one is 9).
/// </summary>
public enum ComplementRule
{
    /// <summary>
    /// The group owns its total: the total is hidden whenever any cell is. What remains published are cells that are
    /// each at least the minimum, and a hidden cell is known only to be below it.
    /// </summary>
    SuppressTotal,

    /// <summary>
    /// The group's total is published (or derivable) elsewhere and cannot be hidden here: a group with any hidden
    /// cell hides all its cells, so only their sum (the total, itself at least the minimum) is known.
    /// </summary>
    SuppressAllCells,
}
