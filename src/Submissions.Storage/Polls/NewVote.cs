namespace Submissions.Storage.Polls;

/// <summary>
/// A vote to store in its vote <paramref name="Partition"/> (<see cref="VotePartitions.For"/> of the voter key, else of
/// the subject key). It is unique per voter: <paramref name="VoterKey"/> (the keyed hash of the voter token) gets a row
/// whose Add fails for a second vote, and <paramref name="SubjectKey"/> (the person's key, when an email was given)
/// an index row in the person's partition whose Add does the same.
/// </summary>
public sealed record NewVote(string PollId, string Partition, string VoteId, string OptionId, string? VoterKey, string? SubjectKey);
