namespace Submissions.Storage.Statistics;

/// <summary>
/// Every poll (with its options in display order) and every promotion defined at the last roll-up: what the statistics
/// list, whatever the range, so a listing never depends on counts. Ids only.
/// </summary>
public sealed record RollUpDefinitions(IReadOnlyList<PollDefinitionIds> Polls, IReadOnlyList<string> PromotionIds)
{
    public static RollUpDefinitions None { get; } = new([], []);
}
