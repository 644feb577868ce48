using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Submissions.Application.ConsentLabels;
using Submissions.Domain.Consent;
using Submissions.Domain.Privacy;
using Submissions.Storage.Deliveries;
using Submissions.Storage.Ledger;
using Submissions.Storage.Notices;
using Submissions.Storage.Subjects;

namespace Submissions.Application.Subjects;

public sealed record WithdrawnConsent(string LabelId, int Version);

/// <summary>What a withdrawal did: the consents it withdrew (none when nothing in scope was still granted), its receipt, the notices owed.</summary>
public sealed record WithdrawalOutcome(string Scope, IReadOnlyList<WithdrawnConsent> Withdrawn, string? ReceiptId, IReadOnlyList<NoticeView> Notices);

/// <summary>
/// Withdraws a person's consents: appends a "not granted" record for every consent in scope that is still granted,
/// with its receipt, to the person's own partition — where the delivery re-check and every later read look — in one
/// transaction. Nothing is overwritten. What the consent covered stops with it: demographic columns leave the member
/// row in the same transaction, a withdrawn public display hides the name on the person's comments, and partners that
/// received the person's data under a withdrawn sharing consent are owed a consent.withdrawn notice.
/// </summary>
public sealed partial class ConsentWithdrawal(
    SubjectRecordsStore store,
    ConsentLabelCatalog catalog,
    SubjectNotices notices,
    TimeProvider time,
    ILogger<ConsentWithdrawal> logger)
{
    /// <summary>The ledger's form for a withdrawal an admin made on the person's behalf.</summary>
    public const string AdminForm = "withdrawal";

    /// <summary>The ledger's form for a withdrawal by a signed opt-out link.</summary>
    public const string OptOutForm = "opt-out";

    private const int MaxAttempts = 3;
    private static readonly string[] DemographicColumns = ["Country", "AgeRange", "Gender"];

    public async Task<WithdrawalOutcome> WithdrawAsync(SubjectKey subject, WithdrawalScope scope, string form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await store.ReadAsync(subject.Value, includeRecordRows: false, cancellationToken);
            var effective = snapshot.EffectiveConsents.ToDictionary(StringComparer.Ordinal);
            var granted = snapshot.StillGranted(scope.Covers);
            string? receiptId = null;
            if (granted.Count > 0)
            {
                var labels = await catalog.CoveringAsync(granted.Select(record => (record.LabelId, record.Version)), cancellationToken);
                var decisions = granted.Select(record => new ConsentDecision(
                    labels.Find(record.LabelId, record.Version) ?? throw new InvalidOperationException($"Consent label {record.LabelId} v{record.Version} is missing from the catalog."),
                    Granted: false)).ToList();
                receiptId = Guid.CreateVersion7().ToString("N");
                var draft = new ConsentReceiptDraft(receiptId, form, time.GetUtcNow(), decisions);
                var actions = draft.LedgerActions(subject.Value, subject.Value, receiptId).ToList();
                if (decisions.Any(decision => decision.Label.Purpose == ConsentPurpose.Demographics) && snapshot.Member is { } member
                    && DemographicColumns.Any(member.ContainsKey))
                {
                    actions.Add(new(TableTransactionActionType.UpdateReplace, WithoutDemographics(member), member.ETag));
                }

                try
                {
                    await store.AppendAsync(actions, cancellationToken);
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 412 && attempt < MaxAttempts)
                {
                    // The member row changed (a re-registration) since it was read: read again and redo.
                    continue;
                }

                foreach (var record in actions.Select(action => action.Entity).OfType<ConsentRecordEntity>())
                {
                    effective[record.LabelId] = record;
                }

                if (decisions.Any(decision => decision.Label.Purpose == ConsentPurpose.PublicDisplay))
                {
                    await HideCommentNamesAsync(snapshot, cancellationToken);
                }

                LogWithdrawn(logger, subject.ShortForm, scope.Name, granted.Count, form);
            }

            // Read again once the withdrawal stands: a delivery records its disclosure as pending before it checks
            // consent and posts, so one that checked before this withdrawal is in this read (PartnerDeliveryProcessor).
            var disclosures = receiptId is null ? snapshot.Disclosures : await store.ReadDisclosuresAsync(subject.Value, cancellationToken);
            var owed = await OweNoticesAsync(scope, effective.Values, disclosures, cancellationToken);
            return new WithdrawalOutcome(scope.Name, [.. granted.Select(record => new WithdrawnConsent(record.LabelId, record.Version))], receiptId, owed);
        }
    }

    /// <summary>
    /// Partners that received the person's data and whose sharing consent now stands withdrawn are owed a notice — the
    /// ids come from the withdrawal's receipt, so a repeated request re-owes nothing, and one that failed after the
    /// withdrawal was stored owes the notice it missed.
    /// </summary>
    private async Task<List<NoticeView>> OweNoticesAsync(
        WithdrawalScope scope, IEnumerable<ConsentRecordEntity> effective, IReadOnlyCollection<DisclosureEntity> disclosures, CancellationToken cancellationToken)
    {
        var owed = new List<NoticeView>();
        var withdrawals = effective
            .Where(record => !record.Granted && record.Purpose == ConsentPurpose.PartnerSharing && record.PartnerId is not null
                && record.Form is AdminForm or OptOutForm && scope.Covers(record))
            .GroupBy(record => (record.ReceiptId, PartnerId: record.PartnerId!));
        foreach (var withdrawal in withdrawals)
        {
            var labels = string.Join(',', withdrawal.Select(record => $"{record.LabelId}:{record.Version}").Order(StringComparer.Ordinal));
            owed.AddRange(await notices.OweAsync(
                NoticeEntity.ConsentWithdrawn, withdrawal.Key.ReceiptId, withdrawal.Min(record => record.RecordedAt), [withdrawal.Key.PartnerId], disclosures, labels, cancellationToken));
        }

        return owed;
    }

    private async Task HideCommentNamesAsync(SubjectSnapshot snapshot, CancellationToken cancellationToken)
    {
        foreach (var comment in snapshot.Records.Where(record => record.Index.Kind == SubjectRecordKinds.Comment))
        {
            try
            {
                await store.HideCommentNameAsync(comment.Index.Partition, comment.Index.RecordRowKey, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // The index row pointed at a comment that was never stored, or was purged since.
            }
        }
    }

    /// <summary>The member row as stored, minus its demographic columns (Replace, since Merge cannot remove a column).</summary>
    private static TableEntity WithoutDemographics(TableEntity member)
    {
        var replacement = new TableEntity(member.PartitionKey, member.RowKey);
        foreach (var (name, value) in member)
        {
            if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag") && !DemographicColumns.Contains(name))
            {
                replacement[name] = value;
            }
        }

        return replacement;
    }

    [LoggerMessage(EventId = 2401, Level = LogLevel.Information, Message = "Subject {Subject}: {Count} consents withdrawn (scope {Scope}, form {Form})")]
    private static partial void LogWithdrawn(ILogger logger, string subject, string scope, int count, string form);
}
