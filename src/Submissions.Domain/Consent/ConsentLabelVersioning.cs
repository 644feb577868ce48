namespace Submissions.Domain.Consent;

/// <summary>
/// Decides what a PUT of a label definition does. Anything a person agrees to (text, purpose, partner, fields,
/// forms, required) makes a new version and retires the previous one; a status-only change updates the latest
/// version in place; an identical definition changes nothing, so the PUT is idempotent. A definition without a
/// status keeps the label's current one: re-sending a retired label's text must not silently re-activate it.
/// A version records when it was retired: the grace for answering it is measured from that moment.
/// </summary>
public static class ConsentLabelVersioning
{
    public static ConsentLabelChange Plan(string labelId, IReadOnlyList<ConsentLabel> existingVersions, ConsentLabelDefinition definition, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(existingVersions);
        ArgumentNullException.ThrowIfNull(definition);
        var latest = existingVersions.MaxBy(label => label.Version);
        var status = definition.Status ?? latest?.Status ?? ConsentLabelStatus.Active;
        var candidate = new ConsentLabel(
            labelId,
            (latest?.Version ?? 0) + 1,
            definition.Purpose!,
            definition.Text!,
            definition.Required!.Value,
            [.. definition.Forms!],
            [.. definition.Fields!],
            definition.Partner,
            status,
            now);

        if (latest is null)
        {
            return new ConsentLabelChange(ConsentLabelChangeKind.Created, candidate, Superseded: null);
        }

        if (!SameContent(latest, candidate))
        {
            return new ConsentLabelChange(ConsentLabelChangeKind.NewVersion, candidate, Superseded: Retire(latest, now));
        }

        return latest.Status == status
            ? new ConsentLabelChange(ConsentLabelChangeKind.Unchanged, latest, Superseded: null)
            : new ConsentLabelChange(
                ConsentLabelChangeKind.StatusChanged,
                status == ConsentLabelStatus.Active ? latest with { Status = status } : Retire(latest, now),
                Superseded: null);
    }

    /// <summary>Retiring stamps the moment the version stopped being active; an already retired version keeps its own.</summary>
    private static ConsentLabel Retire(ConsentLabel version, DateTimeOffset now) =>
        version.IsActive ? version with { Status = ConsentLabelStatus.Retired, RetiredAt = now } : version;

    private static bool SameContent(ConsentLabel a, ConsentLabel b) =>
        a.Purpose == b.Purpose
        && string.Equals(a.Text, b.Text, StringComparison.Ordinal)
        && a.Required == b.Required
        && a.PartnerId == b.PartnerId
        && a.Forms.Order(StringComparer.Ordinal).SequenceEqual(b.Forms.Order(StringComparer.Ordinal), StringComparer.Ordinal)
        && a.Fields.Order(StringComparer.Ordinal).SequenceEqual(b.Fields.Order(StringComparer.Ordinal), StringComparer.Ordinal);
}
