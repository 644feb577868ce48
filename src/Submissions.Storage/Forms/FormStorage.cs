namespace Submissions.Storage.Forms;

/// <summary>
/// What storage knows about one form: the tables its records live in, the kind of the index rows
/// (ref~{kind}~...) that point a person at them, and whether its tables hold idempotency rows. The form's Application
/// registration carries it; <see cref="SubmissionsTables"/>, the idempotency purge and subject reads iterate these.
/// </summary>
/// <param name="FormKind">The form's kind, as on the wire and in the ledger (comment, poll, ...).</param>
/// <param name="RecordKind">
/// The kind of the person's index rows pointing at its records; null for a form whose record lives in the person's
/// own partition (a registration), which needs no index.
/// </param>
/// <param name="Tables">The tables its records, ledger and idempotency rows live in, by name without the deployment prefix.</param>
/// <param name="HoldsIdempotencyRecords">Whether its tables hold idem~ rows, which the idempotency purge then scans.</param>
public sealed record FormStorage(string FormKind, string? RecordKind, IReadOnlyList<string> Tables, bool HoldsIdempotencyRecords = true);
