namespace Submissions.Storage.Statistics;

/// <summary>A poll's id and its option ids in display order.</summary>
public sealed record PollDefinitionIds(string PollId, IReadOnlyList<string> OptionIds);
