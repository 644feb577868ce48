namespace Submissions.Storage.Polls;

/// <summary>A vote's fate: stored, replayed, duplicate, or refused by the poll's state.</summary>
public sealed record VoteOutcome(SubmissionOutcome? Outcome, VoteRefusal Refusal);
