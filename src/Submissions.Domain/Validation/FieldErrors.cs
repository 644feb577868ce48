namespace Submissions.Domain.Validation;

/// <summary>
/// Field-level errors keyed by the JSON path of the field. Messages name fields and rules, never submitted values,
/// because they reach responses and may reach logs.
/// </summary>
public sealed class FieldErrors
{
    private readonly SortedDictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool IsEmpty => errors.Count == 0;

    /// <summary>One error for one field.</summary>
    public static FieldErrors Of(string field, string message)
    {
        var single = new FieldErrors();
        single.Add(field, message);
        return single;
    }

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            messages = [];
            errors[field] = messages;
        }

        if (!messages.Contains(message, StringComparer.Ordinal))
        {
            messages.Add(message);
        }
    }

    public void AddRange(FieldErrors other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (field, messages) in other.errors)
        {
            foreach (var message in messages)
            {
                Add(field, message);
            }
        }
    }

    /// <summary>The field names only, for logs: "consents[terms], email".</summary>
    public override string ToString() => string.Join(", ", errors.Keys);

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
}
