using System.Globalization;
using Submissions.Application.ConsentLabels;
using Submissions.Application.Forms;
using Submissions.Domain.Privacy;
using Submissions.Storage.Subjects;

namespace Submissions.Application.Subjects;

/// <summary>
/// Builds a person's access bundle from what <see cref="SubjectRecordsStore"/> reads by their key: each registered
/// form's records in its own section (<see cref="FormRegistration.Access"/>).
/// </summary>
public sealed class SubjectAccess(SubjectRecordsStore store, FormRegistry forms, ConsentLabelCatalog catalog, TimeProvider time)
{
    public async Task<AccessBundle> ReadAsync(string email, SubjectKey subject, CancellationToken cancellationToken)
    {
        var snapshot = await store.ReadAsync(subject.Value, includeRecordRows: true, cancellationToken);
        var labels = await catalog.CoveringAsync(snapshot.ConsentRecords.Select(record => (record.LabelId, record.Version)), cancellationToken);
        return new AccessBundle(
            time.GetUtcNow(),
            email,
            snapshot.Member is { } member ? RegistrationRecord.From(member) : null,
            [.. forms.Forms.Where(form => form.Access is not null && form.Storage.RecordKind is not null).Select(form => Section(snapshot, form.Storage.RecordKind!, form.Access!))],
            [.. snapshot.ConsentRecords
                .OrderBy(record => record.RecordedAt)
                .ThenBy(record => record.LabelId, StringComparer.Ordinal)
                .Select(record => new ConsentHistoryRecord(
                    record.LabelId, record.Version, record.Purpose, record.PartnerId, labels.Find(record.LabelId, record.Version)?.Text,
                    record.TextSha256, record.Granted, record.RecordedAt, record.Form, record.SubmissionId, record.ReceiptId,
                    record.ConfirmedAt, record.ConfirmationMethod))],
            [.. snapshot.Disclosures
                .OrderBy(disclosure => disclosure.DisclosedAt)
                .Select(disclosure => new DisclosureRecord(
                    disclosure.DeliveryId, disclosure.PartnerId, disclosure.PromotionId,
                    disclosure.FieldNames.Split(',', StringSplitOptions.RemoveEmptyEntries), disclosure.ReceiptId, DisclosedConsents(disclosure.Consents),
                    disclosure.PayloadSha256, disclosure.DisclosedAt, disclosure.Outcome))],
            snapshot.LastErasedAt);
    }

    /// <summary>How many records a bundle holds, for the audit log.</summary>
    public static int CountRecords(AccessBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return bundle.RecordCount;
    }

    private static AccessSection Section(SubjectSnapshot snapshot, string recordKind, FormAccessSection access) =>
        new(access.Name, [.. snapshot.Existing(recordKind).Select(record => record.Row!).OrderBy(row => row.CreatedAt).Select(access.ToView)]);

    /// <summary>"labelId:version:receiptId", comma-joined, as the delivery recorded them.</summary>
    private static List<DisclosedConsent> DisclosedConsents(string consents) =>
        [.. consents.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(consent => consent.Split(':'))
            .Where(parts => parts.Length == 3 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out _))
            .Select(parts => new DisclosedConsent(parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]))];
}
