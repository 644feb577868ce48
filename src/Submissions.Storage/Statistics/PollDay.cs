namespace Submissions.Storage.Statistics;

/// <summary>One poll on one day: whether it could take votes (its dates as they stood at the roll-up) and its votes.</summary>
/// <param name="PollId">The poll.</param>
/// <param name="Open">Created by the day's end and not closed before it began.</param>
/// <param name="OptionIds">Its options in display order, as defined at the roll-up (with any option counted but no longer defined).</param>
/// <param name="Votes">Votes cast that day per option id; options without a vote left out.</param>
public sealed record PollDay(string PollId, bool Open, IReadOnlyList<string> OptionIds, IReadOnlyDictionary<string, long> Votes);
