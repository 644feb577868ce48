namespace Submissions.Functions.Tests.Forms;

/// <summary>A signature as submitted and stored: where it lives and what was written with it.</summary>
public sealed record Signature(string PetitionId, string SignatureId, string RowKey, string ReceiptId, string SubjectKey);
