namespace Submissions.Storage.Statistics;

/// <summary>How far the daily roll-up has got: its last finished day, and the definitions it saw then.</summary>
public sealed record RollUpState(DateOnly LastDay, RollUpDefinitions Definitions, DateTimeOffset UpdatedAt);
