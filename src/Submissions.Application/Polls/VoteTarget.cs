namespace Submissions.Application.Polls;

/// <summary>
/// What a vote loads before it is checked: the poll's rules (null: no such poll) and the vote partition its voter's keyed
/// hash leads to, where its rows and its idempotency record go (so a retry with its key is answered from there).
/// The keys are keyed hashes, never the token or the email; nothing here is logged but the poll id.
/// </summary>
public sealed record VoteTarget(string PollId, PollRules? Rules, string Partition, string? VoterKey, string? SubjectKey);
