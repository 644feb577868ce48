namespace Submissions.Storage.Subjects;

/// <summary>What one pass of an erasure removed from storage, besides the records themselves.</summary>
public sealed record SubjectRowsErased(int Deliveries, int Receipts, int Disclosures, int IdempotencyRecords, int IndexRows);
