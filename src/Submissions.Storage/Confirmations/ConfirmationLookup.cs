namespace Submissions.Storage.Confirmations;

/// <summary>
/// What a confirmation id leads to: the submission still waiting, or — once confirmed — the record of its confirmation.
/// Both null: an unknown id, a submission that never committed, or one that expired or was erased.
/// </summary>
public sealed record ConfirmationLookup(PendingSubmission? Pending, ConfirmationRecord? Confirmed);
