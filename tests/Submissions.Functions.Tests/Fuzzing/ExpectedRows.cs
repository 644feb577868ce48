namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>The rows one accepted request may add to one partition: each rule a kind of row and how many of it.</summary>
public sealed class ExpectedRows
{
    private readonly List<(Func<string, bool> Matches, int Min, int Max, string Name)> rules = [];

    public ExpectedRows Exactly(int count, Func<string, bool> matches, string name)
    {
        rules.Add((matches, count, count, name));
        return this;
    }

    public ExpectedRows Exactly(int count, string rowKey) => Exactly(count, row => row == rowKey, rowKey);

    public ExpectedRows AtMost(int count, Func<string, bool> matches, string name)
    {
        rules.Add((matches, 0, count, name));
        return this;
    }

    /// <summary>Every added row must be of a kind the request may add, each kind in its number.</summary>
    public static IEnumerable<string> Check(string table, string partition, ExpectedRows expected, IReadOnlyCollection<string> added)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(added);
        foreach (var row in added.Where(row => !expected.rules.Any(rule => rule.Matches(row))))
        {
            yield return $"{table} ({partition}): a row the request had no business adding: {row}";
        }

        foreach (var (matches, min, max, name) in expected.rules)
        {
            var count = added.Count(matches);
            if (count < min || count > max)
            {
                yield return $"{table} ({partition}): {count} row(s) of {name}, expected {(min == max ? min.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{min}–{max}")}";
            }
        }
    }
}
