namespace Submissions.Domain.Consent;

/// <summary>An immutable snapshot of every version of every consent label.</summary>
public sealed class ConsentCatalog
{
    private readonly Dictionary<string, ConsentLabel[]> versionsByLabel;

    public ConsentCatalog(IEnumerable<ConsentLabel> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        versionsByLabel = labels
            .GroupBy(label => label.LabelId, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.OrderBy(label => label.Version).ToArray(), StringComparer.Ordinal);
    }

    public static ConsentCatalog Empty { get; } = new([]);

    /// <summary>Every label's id, in ordinal order.</summary>
    public IReadOnlyList<string> LabelIds => [.. versionsByLabel.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The active versions that the given form must show, ordered by label id for stable output.</summary>
    public IReadOnlyList<ConsentLabel> ActiveFor(string form) =>
        versionsByLabel.Values
            .Select(versions => versions[^1])
            .Where(latest => latest.IsActive && latest.AppliesTo(form))
            .OrderBy(label => label.LabelId, StringComparer.Ordinal)
            .ToList();

    public IReadOnlyList<ConsentLabel> VersionsOf(string labelId) =>
        versionsByLabel.TryGetValue(labelId, out var versions) ? versions : [];

    public ConsentLabel? Latest(string labelId) =>
        versionsByLabel.TryGetValue(labelId, out var versions) ? versions[^1] : null;

    public ConsentLabel? Find(string labelId, int version) =>
        VersionsOf(labelId).FirstOrDefault(label => label.Version == version);
}
