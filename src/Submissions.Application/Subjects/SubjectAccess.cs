using System.Text.Json;
using Azure.Data.Tables;
using Submissions.Application.ConsentLabels;
using Submissions.Domain.Privacy;
using Submissions.Storage.Comments;
using Submissions.Storage.Polls;
using Submissions.Storage.Promotions;
using Submissions.Storage.Subjects;

namespace Submissions.Application.Subjects;

/// <summary>Builds a person's access bundle from what <see cref="SubjectRecordsStore"/> reads by their key.</summary>
public sealed class SubjectAccess(SubjectRecordsStore store, ConsentLabelCatalog catalog, TimeProvider time)
{
    public async Task<AccessBundle> ReadAsync(string email, SubjectKey subject, CancellationToken cancellationToken)
    {
        var snapshot = await store.ReadAsync(subject.Value, includeRecordRows: true, cancellationToken);
        var labels = await catalog.CoveringAsync(snapshot.ConsentRecords.Select(record => (record.LabelId, record.Version)), cancellationToken);
        return new AccessBundle(
            time.GetUtcNow(),
            email,
            snapshot.Member is { } member ? ToRegistration(member) : null,
            [.. snapshot.Existing(SubjectRecordKinds.Comment).Select(record => ToComment(record.Row!)).OrderBy(comment => comment.CreatedAt)],
            [.. snapshot.Existing(SubjectRecordKinds.Vote).Select(record => ToVote(record.Row!)).OrderBy(vote => vote.CreatedAt)],
            [.. snapshot.Existing(SubjectRecordKinds.PromotionEntry).Select(record => ToEntry(record.Row!)).OrderBy(entry => entry.CreatedAt)],
            [.. snapshot.ConsentRecords
                .OrderBy(record => record.RecordedAt)
                .ThenBy(record => record.LabelId, StringComparer.Ordinal)
                .Select(record => new ConsentHistoryRecord(
                    record.LabelId, record.Version, record.Purpose, record.PartnerId, labels.Find(record.LabelId, record.Version)?.Text,
                    record.TextSha256, record.Granted, record.RecordedAt, record.Form, record.SubmissionId, record.ReceiptId))],
            [.. snapshot.Disclosures
                .OrderBy(disclosure => disclosure.DisclosedAt)
                .Select(disclosure => new DisclosureRecord(
                    disclosure.RowKey, disclosure.PartnerId, disclosure.PromotionId,
                    disclosure.FieldNames.Split(',', StringSplitOptions.RemoveEmptyEntries), disclosure.ReceiptId, DisclosedConsents(disclosure.Consents),
                    disclosure.PayloadSha256, disclosure.DisclosedAt, disclosure.Outcome))],
            snapshot.Tombstone?.GetDateTimeOffset(nameof(TombstoneEntity.ErasedAt)));
    }

    /// <summary>How many records a bundle holds, for the audit log.</summary>
    public static int CountRecords(AccessBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return (bundle.Registration is null ? 0 : 1) + bundle.Comments.Count + bundle.Votes.Count + bundle.PromotionEntries.Count + bundle.Consents.Count + bundle.Disclosures.Count;
    }

    /// <summary>"labelId:version:receiptId", comma-joined, as the delivery recorded them.</summary>
    private static List<DisclosedConsent> DisclosedConsents(string consents) =>
        [.. consents.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(consent => consent.Split(':'))
            .Where(parts => parts.Length == 3 && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out _))
            .Select(parts => new DisclosedConsent(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2]))];

    private static RegistrationRecord ToRegistration(TableEntity row) => new(
        row.GetString(nameof(MemberEntity.MemberId)) ?? string.Empty,
        row.GetString(nameof(MemberEntity.Email)),
        row.GetString(nameof(MemberEntity.DisplayName)),
        row.GetString(nameof(MemberEntity.Language)),
        row.GetString(nameof(MemberEntity.Country)),
        row.GetString(nameof(MemberEntity.AgeRange)),
        row.GetString(nameof(MemberEntity.Gender)),
        row.GetDateTimeOffset(nameof(MemberEntity.RegisteredAt)),
        row.GetDateTimeOffset(nameof(MemberEntity.UpdatedAt)),
        row.GetInt32(nameof(MemberEntity.RegistrationCount)) ?? 0);

    private static CommentRecord ToComment(TableEntity row) => new(
        CommentIds.Encode(row.PartitionKey, row.RowKey),
        row.PartitionKey,
        row.GetString(nameof(CommentEntity.DisplayName)),
        row.GetBoolean(nameof(CommentEntity.ShowName)) ?? false,
        row.GetString(nameof(CommentEntity.Text)),
        row.GetString(nameof(CommentEntity.Status)),
        row.GetDateTimeOffset(nameof(CommentEntity.CreatedAt)),
        row.GetDateTimeOffset(nameof(CommentEntity.ModeratedAt)),
        row.GetString(nameof(CommentEntity.ReceiptId)));

    private static VoteRecord ToVote(TableEntity row) => new(
        row.PartitionKey,
        row.GetString(nameof(VoteEntity.VoteId)),
        row.GetString(nameof(VoteEntity.OptionId)),
        row.GetDateTimeOffset(nameof(VoteEntity.CreatedAt)),
        row.GetString(nameof(VoteEntity.ReceiptId)));

    private static PromotionEntryRecord ToEntry(TableEntity row) => new(
        row.PartitionKey,
        row.GetString(nameof(PromotionEntryEntity.EntryId)),
        row.GetString(nameof(PromotionEntryEntity.Email)),
        row.GetString(nameof(PromotionEntryEntity.Name)),
        JsonSerializer.Deserialize<Dictionary<string, string?>>(row.GetString(nameof(PromotionEntryEntity.FieldsJson)) ?? "{}") ?? [],
        row.GetBoolean(nameof(PromotionEntryEntity.SharingGranted)) ?? false,
        row.GetString(nameof(PromotionEntryEntity.DeliveryId)),
        row.GetDateTimeOffset(nameof(PromotionEntryEntity.CreatedAt)),
        row.GetString(nameof(PromotionEntryEntity.ReceiptId)));
}
