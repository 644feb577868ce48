namespace Submissions.Storage.Statistics;

/// <summary>What GET manage/stats reads: the roll-ups of the range's days that have one, the state, the catalog's labels.</summary>
/// <param name="Days">The days of the range that have a roll-up, ascending.</param>
/// <param name="State">The roll-up's state; null before its first run.</param>
/// <param name="LabelForms">Every catalog label and the forms its versions are on.</param>
public sealed record StoredRollUps(IReadOnlyList<DayRollUp> Days, RollUpState? State, IReadOnlyDictionary<string, IReadOnlySet<string>> LabelForms);
