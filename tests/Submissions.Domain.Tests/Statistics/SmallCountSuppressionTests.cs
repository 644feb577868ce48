using Submissions.Domain.Statistics;

namespace Submissions.Domain.Tests.Statistics;

public sealed class SmallCountSuppressionTests
{
    private static readonly SmallCountSuppression Suppression = new();

    [Fact]
    public void A_count_of_nine_is_suppressed_and_a_count_of_ten_is_shown()
    {
        Assert.Null(Suppression.Count(9));
        Assert.Equal(10, Suppression.Count(10));
    }

    [Fact]
    public void Zero_is_a_small_count_too()
    {
        Assert.Null(Suppression.Count(0));
    }

    [Fact]
    public void The_minimum_is_configurable_and_must_be_positive()
    {
        Assert.Equal(5, new SmallCountSuppression(5).Count(5));
        Assert.Null(new SmallCountSuppression(5).Count(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmallCountSuppression(0));
    }

    [Fact]
    public void Without_complementary_suppression_the_total_gives_the_small_cell_away()
    {
        // The attack the rule exists for: a published total minus the visible cells.
        long[] cells = [9, 12, 30, 47];
        var naive = new SuppressedGroup([null, 12, 30, 47], cells.Sum());

        Assert.Contains(9, DifferencingAttack.Derivable(naive));
    }

    [Fact]
    public void A_group_that_owns_its_total_hides_the_total_when_one_cell_is_hidden()
    {
        long[] cells = [9, 12, 30, 47];

        var group = Suppression.Group(cells, ComplementRule.SuppressTotal);

        Assert.Equal([null, 12, 30, 47], group.Cells);
        Assert.Null(group.Total);
        Assert.DoesNotContain(9, DifferencingAttack.Derivable(group));
    }

    [Fact]
    public void A_group_whose_total_is_published_elsewhere_hides_all_its_cells()
    {
        long[] cells = [9, 12, 30, 47];

        var group = Suppression.Group(cells, ComplementRule.SuppressAllCells);

        Assert.All(group.Cells, Assert.Null);
        Assert.Equal(98, group.Total);
        Assert.Empty(DifferencingAttack.Hidden(cells, group).Intersect(DifferencingAttack.Derivable(group)));
    }

    [Theory]
    [InlineData(ComplementRule.SuppressTotal)]
    [InlineData(ComplementRule.SuppressAllCells)]
    public void No_subtraction_of_published_numbers_recovers_a_hidden_value(ComplementRule rule)
    {
        // Groups of every shape around the minimum: each hidden value must stay out of reach.
        long[][] groups = [[9, 12], [9, 10, 11], [0, 25, 40], [3, 9, 14, 15], [9, 12, 12], [1, 2, 3], [10, 11, 9, 50, 13]];
        foreach (var cells in groups)
        {
            var group = Suppression.Group(cells, rule);
            var derivable = DifferencingAttack.Derivable(group);
            foreach (var hidden in DifferencingAttack.Hidden(cells, group).Where(value => value < Suppression.Minimum))
            {
                Assert.False(derivable.Contains(hidden), $"{hidden} recovered from [{string.Join(", ", cells)}] under {rule}");
            }

            // A group never publishes a total with exactly one cell hidden.
            Assert.False(group.Total is not null && group.Cells.Count(cell => cell is null) == 1);
        }
    }

    [Fact]
    public void Next_smallest_cell_complement_would_leak_to_an_attacker_who_knows_the_rule()
    {
        // Why ComplementRule has no "next smallest cell": with cells 9, 12, 12 and the total 33 published, hiding 9
        // and one 12 leaves a 12 visible; the hidden pair sums to 21, the complement is 10..12 (at least the minimum,
        // at most the smallest visible cell), so the small one is 21 - 12 = 9 exactly.
        long[] cells = [9, 12, 12];

        var possible = Enumerable.Range(0, 10).Where(small => Enumerable.Range(10, 3).Any(complement => small + complement == 21)).ToList();

        Assert.Equal([9], possible);
        Assert.All(Suppression.Group(cells, ComplementRule.SuppressAllCells).Cells, Assert.Null);
    }

    [Fact]
    public void Granted_and_declined_are_hidden_together_so_answered_minus_one_never_gives_the_other()
    {
        // answered is published (it equals the form's submissions), so granted and declined go or stay together.
        var group = Suppression.Group([7, 40], ComplementRule.SuppressAllCells);

        Assert.Equal([null, null], group.Cells);
        Assert.Equal(47, group.Total);
        Assert.DoesNotContain(7, DifferencingAttack.Derivable(group));

        var shown = Suppression.Group([15, 35], ComplementRule.SuppressAllCells);
        Assert.Equal([15, 35], shown.Cells);
        Assert.Equal(50, shown.Total);
    }

    [Fact]
    public void A_total_linked_to_a_hidden_number_elsewhere_is_hidden_and_so_are_cells_that_would_add_up_to_it()
    {
        var owned = Suppression.Group([12, 30], ComplementRule.SuppressTotal, totalHiddenElsewhere: true);
        Assert.Null(owned.Total);
        Assert.All(owned.Cells, Assert.Null);

        var small = Suppression.Group([5, 30], ComplementRule.SuppressTotal, totalHiddenElsewhere: true);
        Assert.Equal([null, 30], small.Cells);
        Assert.Null(small.Total);
    }

    [Fact]
    public void A_total_below_the_minimum_is_suppressed_and_counts_are_never_negative()
    {
        var group = Suppression.Group([4, 5], ComplementRule.SuppressTotal);
        Assert.Null(group.Total);
        Assert.Throws<ArgumentOutOfRangeException>(() => Suppression.Group([-1, 20], ComplementRule.SuppressTotal));
    }
}
