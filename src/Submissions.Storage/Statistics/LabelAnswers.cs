namespace Submissions.Storage.Statistics;

/// <summary>One label's answers: how many granted and declined per UTC day, on which forms.</summary>
public sealed class LabelAnswers
{
    public Dictionary<DateOnly, long> Granted { get; } = [];

    public Dictionary<DateOnly, long> Declined { get; } = [];

    public HashSet<string> Forms { get; } = new(StringComparer.Ordinal);

    /// <summary>The forms it was answered on, per UTC day: what a day's roll-up freezes.</summary>
    public Dictionary<DateOnly, HashSet<string>> FormsByDay { get; } = [];
}
