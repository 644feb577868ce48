namespace Submissions.Storage.Deliveries;

/// <summary>One consent-ledger record as the delivery re-check reads it: which label version was answered, how, on which receipt, when.</summary>
public sealed record StoredAnswer(string LabelId, int Version, bool Granted, string ReceiptId, DateTimeOffset RecordedAt);
