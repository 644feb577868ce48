namespace Submissions.Storage.Polls;

/// <summary>
/// A vote to store. It is unique per voter key: <paramref name="VoterKey"/> (the keyed hash of the voter token) and
/// <paramref name="SubjectKey"/> (the person's key, when an email was given) each get a row whose Add fails for a second vote.
/// </summary>
public sealed record NewVote(string PollId, string VoteId, string OptionId, string? VoterKey, string? SubjectKey);
