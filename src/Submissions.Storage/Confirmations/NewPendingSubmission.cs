namespace Submissions.Storage.Confirmations;

/// <summary>
/// A submission to store as pending until its owner confirms it. <c>Partition</c> is where the confirmed record will
/// live: the subject key (registration) or the promotion id.
/// </summary>
public sealed record NewPendingSubmission(
    string ConfirmationId,
    string Form,
    string Partition,
    string SubjectKey,
    string Email,
    string Name,
    string DataJson,
    IReadOnlyList<PendingAnswer> Answers,
    string ReceiptId,
    string SubmissionId,
    string? DeliveryId,
    string? PartnerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>An entry to a promotion created before issue 18, whose own partition may hold the person's entry.</summary>
    public bool LegacyEntryCheck { get; init; }

    // It holds a person's values: printed, it shows none of them.
    public override string ToString() => nameof(NewPendingSubmission);
}
