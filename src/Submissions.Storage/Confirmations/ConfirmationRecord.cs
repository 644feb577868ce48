namespace Submissions.Storage.Confirmations;

/// <summary>A confirmation as recorded (its <c>confirmation~</c> row): how and when, and what it came to.</summary>
public sealed record ConfirmationRecord(string ConfirmationId, string Form, string ReceiptId, string Method, DateTimeOffset ConfirmedAt, string Result);
