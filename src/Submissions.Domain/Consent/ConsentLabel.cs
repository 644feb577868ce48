namespace Submissions.Domain.Consent;

/// <summary>
/// One version of a consent label: the exact text a person saw and what answering it covers.
/// Versions are immutable except for their status; changing anything a person agrees to makes a new version.
/// </summary>
public sealed record ConsentLabel(
    string LabelId,
    int Version,
    string Purpose,
    string Text,
    bool Required,
    IReadOnlyList<string> Forms,
    IReadOnlyList<string> Fields,
    string? PartnerId,
    string Status,
    DateTimeOffset CreatedAt)
{
    /// <summary>SHA-256 of the exact text, recorded with every answer so the ledger proves what was shown.</summary>
    public string TextSha256 { get; } = ContentHash.Sha256Hex(Text);

    public bool IsActive => Status == ConsentLabelStatus.Active;

    /// <summary>
    /// When this version last stopped being active (null: never was active, or retired before this was recorded).
    /// Stored with the version, so every instance measures the grace for answering it from the same moment.
    /// </summary>
    public DateTimeOffset? RetiredAt { get; init; }

    public bool AppliesTo(string form) => Forms.Contains(form, StringComparer.Ordinal);
}
