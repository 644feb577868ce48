namespace Submissions.Domain.Delivery;

/// <summary>
/// Decides which fields of an entry a partner receives: those covered by a sharing label the person granted, and only
/// those the partner is configured to receive. Anything not in both lists stays behind — deny by default.
/// </summary>
public static class PartnerPayload
{
    public static IReadOnlyList<string> AllowedFields(IEnumerable<string> grantedLabelFields, IEnumerable<string> partnerFields)
    {
        var partner = partnerFields.ToHashSet(StringComparer.Ordinal);
        return [.. grantedLabelFields.Distinct(StringComparer.Ordinal).Where(partner.Contains).Order(StringComparer.Ordinal)];
    }

    /// <summary>The values of the allowed fields, from the entry's own fields; a field the entry does not have is left out.</summary>
    public static SortedDictionary<string, string> Values(IReadOnlyList<string> allowedFields, IReadOnlyDictionary<string, string?> entryValues)
    {
        ArgumentNullException.ThrowIfNull(allowedFields);
        ArgumentNullException.ThrowIfNull(entryValues);
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in allowedFields)
        {
            if (entryValues.TryGetValue(field, out var value) && !string.IsNullOrEmpty(value))
            {
                values[field] = value;
            }
        }

        return values;
    }
}
