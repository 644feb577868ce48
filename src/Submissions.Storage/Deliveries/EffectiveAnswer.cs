namespace Submissions.Storage.Deliveries;

/// <summary>A person's newest answer to one consent label: the version they answered, granted or not, and its receipt.</summary>
public sealed record EffectiveAnswer(int Version, bool Granted, string ReceiptId);
