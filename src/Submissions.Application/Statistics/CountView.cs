namespace Submissions.Application.Statistics;

/// <summary>A published count: <c>{ "count": 12 }</c>, or <c>{ "suppressed": true }</c> — never the number behind it.</summary>
public sealed record CountView(long? Count, bool? Suppressed)
{
    public static CountView From(long? count) => count is { } value ? new(value, null) : new(null, true);
}
