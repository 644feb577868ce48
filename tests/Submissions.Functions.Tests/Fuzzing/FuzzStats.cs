using System.Globalization;
using System.Text;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>Requests sent per endpoint and category, and the statuses they got: the run's summary.</summary>
public sealed class FuzzStats
{
    private readonly SortedDictionary<(FuzzEndpoint Endpoint, string Category), SortedDictionary<int, int>> counts = [];

    public int Total { get; private set; }

    public void Record(FuzzCase fuzz, int status)
    {
        ArgumentNullException.ThrowIfNull(fuzz);
        Total++;
        var key = (fuzz.Endpoint, fuzz.Category);
        var statuses = counts.TryGetValue(key, out var found) ? found : counts[key] = [];
        statuses[status] = statuses.GetValueOrDefault(status) + 1;
    }

    public int Count(FuzzEndpoint endpoint) => counts.Where(entry => entry.Key.Endpoint == endpoint).Sum(entry => entry.Value.Values.Sum());

    public IEnumerable<(FuzzEndpoint Endpoint, string Category, int Count)> Categories =>
        counts.Select(entry => (entry.Key.Endpoint, entry.Key.Category, entry.Value.Values.Sum()));

    public string Summary(TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Total} requests in {elapsed.TotalSeconds:F1} s");
        foreach (var endpoint in counts.Keys.Select(key => key.Endpoint).Distinct())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{endpoint}: {Count(endpoint)}");
            foreach (var ((_, category), statuses) in counts.Where(entry => entry.Key.Endpoint == endpoint))
            {
                var histogram = string.Join(" ", statuses.Select(status => $"{status.Key}×{status.Value}"));
                text.AppendLine(CultureInfo.InvariantCulture, $"  {category,-20} {statuses.Values.Sum(),6}   {histogram}");
            }
        }

        return text.ToString();
    }
}
