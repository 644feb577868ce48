using System.Text.Json;
using Submissions.Storage.Outbox;

namespace Submissions.Storage.Confirmations;

/// <summary>A submission waiting for its owner's confirmation, and the confirmation mail it owes (its outbox state).</summary>
public sealed class PendingSubmission : OutboxItem
{
    internal PendingSubmission(PendingSubmissionEntity row, string tableName)
        : base(row)
    {
        Entity = row;
        TableName = tableName;
    }

    public string ConfirmationId => Entity.ConfirmationId;

    public string Form => Entity.Form;

    /// <summary>The subject key (registration) or promotion id: where the confirmed record will live.</summary>
    public string Partition => Entity.PartitionKey;

    public string SubjectKey => Entity.SubjectKey;

    public string Email => Entity.Email;

    public string Name => Entity.Name;

    public string DataJson => Entity.DataJson;

    public IReadOnlyList<PendingAnswer> Answers => JsonSerializer.Deserialize<List<PendingAnswer>>(Entity.AnswersJson) ?? [];

    public string ReceiptId => Entity.ReceiptId;

    public string SubmissionId => Entity.SubmissionId;

    /// <summary>The delivery the entry will owe once confirmed (sharing granted).</summary>
    public string? DeliveryId => Entity.PlannedDeliveryId;

    public string? PartnerId => Entity.PartnerId;

    public DateTimeOffset ExpiresAt => Entity.ExpiresAt;

    internal string TableName { get; }

    internal PendingSubmissionEntity Entity { get; }

    // It holds a person's values: printed, it shows none of them.
    public override string ToString() => nameof(PendingSubmission);
}
