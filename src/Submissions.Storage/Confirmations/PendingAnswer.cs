namespace Submissions.Storage.Confirmations;

/// <summary>One consent answer of a pending submission, with everything its ledger row will need once confirmed.</summary>
public sealed record PendingAnswer(string LabelId, int Version, string Purpose, string? PartnerId, string TextSha256, bool Granted);
