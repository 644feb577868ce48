namespace Submissions.Domain.Validation;

/// <summary>
/// Field-level errors keyed by the JSON path of the field, each with a stable machine-readable code. Messages name
/// fields and rules, never submitted values, because they reach responses and may reach logs.
/// </summary>
public sealed class FieldErrors
{
    private readonly SortedDictionary<string, List<(string Message, string Code)>> errors = new(StringComparer.Ordinal);

    public bool IsEmpty => errors.Count == 0;

    /// <summary>One error for one field.</summary>
    public static FieldErrors Of(string field, string message, string code = FieldErrorCodes.Invalid)
    {
        var single = new FieldErrors();
        single.Add(field, message, code);
        return single;
    }

    public void Add(string field, string message, string code = FieldErrorCodes.Invalid)
    {
        if (!errors.TryGetValue(field, out var entries))
        {
            entries = [];
            errors[field] = entries;
        }

        if (!entries.Exists(entry => string.Equals(entry.Message, message, StringComparison.Ordinal)))
        {
            entries.Add((message, code));
        }
    }

    public void AddRange(FieldErrors other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (field, entries) in other.errors)
        {
            foreach (var (message, code) in entries)
            {
                Add(field, message, code);
            }
        }
    }

    /// <summary>The field names only, for logs: "consents[terms], email".</summary>
    public override string ToString() => string.Join(", ", errors.Keys);

    /// <summary>Field → messages, for people.</summary>
    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        errors.ToDictionary(pair => pair.Key, pair => pair.Value.Select(entry => entry.Message).ToArray(), StringComparer.Ordinal);

    /// <summary>Field → codes, in the order of <see cref="ToDictionary"/>'s messages, for programs.</summary>
    public IReadOnlyDictionary<string, string[]> ToCodeDictionary() =>
        errors.ToDictionary(pair => pair.Key, pair => pair.Value.Select(entry => entry.Code).ToArray(), StringComparer.Ordinal);
}
