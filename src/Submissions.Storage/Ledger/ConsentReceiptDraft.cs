using System.Globalization;
using Azure.Data.Tables;
using Submissions.Domain.Consent;

namespace Submissions.Storage.Ledger;

/// <summary>The consent answers of one submission, ready to be appended to the ledger.</summary>
public sealed record ConsentReceiptDraft(string ReceiptId, string Form, DateTimeOffset RecordedAt, IReadOnlyList<ConsentDecision> Decisions)
{
    /// <summary>
    /// How the owner of the email proved it when the answers are confirmed as they are recorded (a grant from the
    /// preference centre, whose link proves the mailbox): each row then carries it, confirmed at <see cref="RecordedAt"/>.
    /// </summary>
    public string? ConfirmationMethod { get; init; }

    /// <summary>
    /// The receipt row and one ledger row per answer, in the partition of the submission they came with: all Adds, so
    /// a replay can never overwrite history. <paramref name="subjectKey"/> is null for a form sent without an email.
    /// </summary>
    public IEnumerable<TableTransactionAction> LedgerActions(string partition, string? subjectKey, string submissionId)
    {
        yield return new(TableTransactionActionType.Add, ReceiptRow(partition, subjectKey, submissionId));
        foreach (var record in ConsentRows(partition, subjectKey, submissionId))
        {
            yield return new(TableTransactionActionType.Add, record);
        }
    }

    /// <summary>The ledger records <see cref="LedgerActions"/> appends, as they will read back.</summary>
    public IReadOnlyList<ConsentRecord> Records(string partition, string? subjectKey, string submissionId) =>
        [.. ConsentRows(partition, subjectKey, submissionId).Select(ConsentRecord.From)];

    private ReceiptEntity ReceiptRow(string partition, string? subjectKey, string submissionId) => new()
    {
        PartitionKey = partition,
        SubjectKey = subjectKey,
        RowKey = LedgerRowKeys.Receipt(ReceiptId),
        ReceiptId = ReceiptId,
        Form = Form,
        SubmissionId = submissionId,
        RecordedAt = RecordedAt,
        Answers = string.Join(';', Decisions.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Label.LabelId}:{d.Label.Version}:{(d.Granted ? "granted" : "declined")}"))),
    };

    private IEnumerable<ConsentRecordEntity> ConsentRows(string partition, string? subjectKey, string submissionId)
    {
        foreach (var decision in Decisions)
        {
            yield return new ConsentRecordEntity
            {
                PartitionKey = partition,
                SubjectKey = subjectKey,
                RowKey = LedgerRowKeys.Consent(decision.Label.LabelId, subjectKey, RecordedAt, ReceiptId),
                LabelId = decision.Label.LabelId,
                Version = decision.Label.Version,
                Purpose = decision.Label.Purpose,
                PartnerId = decision.Label.PartnerId,
                TextSha256 = decision.Label.TextSha256,
                Granted = decision.Granted,
                RecordedAt = RecordedAt,
                Form = Form,
                SubmissionId = submissionId,
                ReceiptId = ReceiptId,
                ConfirmedAt = ConfirmationMethod is null ? null : RecordedAt,
                ConfirmationMethod = ConfirmationMethod,
            };
        }
    }
}
