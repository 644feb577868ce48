using Microsoft.Extensions.Logging;
using Submissions.Application.ConsentLabels;
using Submissions.Application.Deliveries;
using Submissions.Domain.Consent;
using Submissions.Domain.Privacy;
using Submissions.Storage.Deliveries;
using Submissions.Storage.Ledger;
using Submissions.Storage.Notices;
using Submissions.Storage.Subjects;

namespace Submissions.Application.Subjects;

/// <summary>
/// Withdraws a person's consents: appends a "not granted" record for every consent in scope that is still granted,
/// with its receipt, to the person's own partition — where the delivery re-check and every later read look — in one
/// transaction. Nothing is overwritten. What the consent covered stops with it: demographic columns leave the member
/// row in the same transaction, a withdrawn public display hides the name on the person's comments, and partners that
/// received the person's data under a withdrawn sharing consent are owed a consent.withdrawn notice. Those effects are
/// derived from the ledger as it stands and applied idempotently on every call, so a call that failed part-way is
/// finished by the next, whatever step failed.
/// </summary>
public sealed partial class ConsentWithdrawal(
    SubjectRecordsStore store,
    ConsentLabelCatalog catalog,
    SubjectNotices notices,
    PartnerDeliveryProcessor deliveries,
    TimeProvider time,
    ILogger<ConsentWithdrawal> logger)
{
    /// <summary>The ledger's form for a withdrawal an admin made on the person's behalf.</summary>
    public const string AdminForm = "withdrawal";

    /// <summary>The ledger's form for a withdrawal by a signed opt-out link.</summary>
    public const string OptOutForm = "opt-out";

    /// <summary>The ledger's form for a withdrawal the person made in the preference centre (its link proves the mailbox).</summary>
    public const string PreferenceCentreForm = "preference-centre";

    /// <summary>The forms of a withdrawal receipt: a "not granted" record of one of these ends a consent, it does not decline one.</summary>
    public static IReadOnlyList<string> WithdrawalForms { get; } = [AdminForm, OptOutForm, PreferenceCentreForm];

    public static bool IsWithdrawalForm(string? form) => form is AdminForm or OptOutForm or PreferenceCentreForm;

    private const int MaxAttempts = 3;
    private static readonly string[] DemographicColumns = ["Country", "AgeRange", "Gender"];

    public async Task<WithdrawalOutcome> WithdrawAsync(SubjectKey subject, WithdrawalScope scope, string form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await store.ReadAsync(subject.Value, includeRecordRows: false, cancellationToken);
            var granted = snapshot.StillGranted(scope.Covers);
            var receipt = granted.Count > 0 ? await DraftReceiptAsync(granted, form, cancellationToken) : null;
            var written = receipt?.Records(subject.Value, subject.Value, receipt.ReceiptId) ?? [];
            List<ConsentRecord> ownLedger = [.. snapshot.OwnLedger, .. written];

            // Demographic columns leave the member row with the withdrawal that ends them, in its transaction — or on
            // any later call that finds them still there while the consent stands withdrawn.
            var removed = snapshot.Member is { } member && DemographicColumns.Any(member.Has) && Newest(ownLedger, ConsentPurpose.Demographics) is { Granted: false }
                ? DemographicColumns
                : [];
            if (await store.AppendWithdrawalAsync(snapshot, receipt, removed, finalAttempt: attempt >= MaxAttempts, cancellationToken) == WithdrawalAppend.Conflict)
            {
                // The member row changed (a re-registration) since it was read: read again and redo.
                continue;
            }

            if (granted.Count > 0)
            {
                LogWithdrawn(logger, subject.ShortForm, scope.Name, granted.Count, form);
            }

            // What the ledger now says is applied on every call, not only by the call that wrote it: a call that stopped
            // part-way (storage refused a step after the ledger committed) leaves it to the next one, which writes
            // nothing to the ledger but finishes the rest.
            await HideWithdrawnNamesAsync(snapshot, ownLedger, cancellationToken);

            // Read again once the withdrawal stands: a delivery records its disclosure as pending before it checks
            // consent and posts, so one that checked before this withdrawal is in this read (PartnerDeliveryProcessor).
            var disclosures = receipt is null ? snapshot.Disclosures : await store.ReadDisclosuresAsync(subject.Value, cancellationToken);
            var effective = snapshot.EffectiveConsents.ToDictionary(StringComparer.Ordinal);
            foreach (var record in written)
            {
                effective[record.LabelId] = record;
            }

            disclosures = await StopDeliveriesAsync(subject.Value, effective.Values, disclosures, cancellationToken);
            var owed = await OweNoticesAsync(scope, effective.Values, disclosures, cancellationToken);
            return new WithdrawalOutcome(scope.Name, [.. granted.Select(record => new WithdrawnConsent(record.LabelId, record.Version))], receipt?.ReceiptId, owed);
        }
    }

    /// <summary>A "not granted" answer to each consent still granted, under a new receipt of the given form.</summary>
    private async Task<ConsentReceiptDraft> DraftReceiptAsync(IReadOnlyList<ConsentRecord> granted, string form, CancellationToken cancellationToken)
    {
        var labels = await catalog.CoveringAsync(granted.Select(record => (record.LabelId, record.Version)), cancellationToken);
        var decisions = granted.Select(record => new ConsentDecision(
            labels.Find(record.LabelId, record.Version) ?? throw new InvalidOperationException($"Consent label {record.LabelId} v{record.Version} is missing from the catalog."),
            Granted: false)).ToList();
        return new ConsentReceiptDraft(Guid.CreateVersion7().ToString("N"), form, time.GetUtcNow(), decisions);
    }

    /// <summary>
    /// Partners that received the person's data and whose sharing consent now stands withdrawn are owed a notice — the
    /// ids come from the withdrawal's receipt, so a repeated request re-owes nothing, and any later one (whatever its
    /// scope) owes a notice an earlier one missed by failing after its withdrawal was stored. Reported: those in scope.
    /// </summary>
    private async Task<List<NoticeView>> OweNoticesAsync(
        WithdrawalScope scope, IEnumerable<ConsentRecord> effective, IReadOnlyCollection<StoredDisclosure> disclosures, CancellationToken cancellationToken)
    {
        var owed = new List<NoticeView>();
        var withdrawals = effective
            .Where(record => !record.Granted && record.Purpose == ConsentPurpose.PartnerSharing && record.PartnerId is not null && IsWithdrawalForm(record.Form))
            .GroupBy(record => (record.ReceiptId, PartnerId: record.PartnerId!));
        foreach (var withdrawal in withdrawals)
        {
            var labels = string.Join(',', withdrawal.Select(record => $"{record.LabelId}:{record.Version}").Order(StringComparer.Ordinal));
            var owedNow = await notices.OweAsync(
                NoticeType.ConsentWithdrawn, withdrawal.Key.ReceiptId, withdrawal.Min(record => record.RecordedAt), [withdrawal.Key.PartnerId], disclosures, labels, cancellationToken);
            if (withdrawal.Any(scope.Covers))
            {
                owed.AddRange(owedNow);
            }
        }

        return owed;
    }

    /// <summary>
    /// Stops, before any notice is owed, every owed delivery of the person to a partner none of whose sharing consents
    /// still stands — a delivery a withdrawal stopped is never posted again (a repeated withdrawal does it again, so a
    /// step that failed converges). One in flight is left to its attempt; the notice waits for it. Returns the
    /// disclosures that still stand: one whose delivery never started a request is gone.
    /// </summary>
    private async Task<IReadOnlyList<StoredDisclosure>> StopDeliveriesAsync(
        string subjectKey, IEnumerable<ConsentRecord> effective, IReadOnlyList<StoredDisclosure> disclosures, CancellationToken cancellationToken)
    {
        var sharing = effective.Where(record => record.Purpose == ConsentPurpose.PartnerSharing && record.PartnerId is not null).ToList();
        var stillGranted = sharing.Where(record => record.Granted).Select(record => record.PartnerId!).ToHashSet(StringComparer.Ordinal);
        var withdrawn = sharing.Where(record => !record.Granted).Select(record => record.PartnerId!).ToHashSet(StringComparer.Ordinal);
        var stopped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var disclosure in disclosures.Where(disclosure => disclosure.Outcome != DisclosureOutcome.Delivered
            && withdrawn.Contains(disclosure.PartnerId) && !stillGranted.Contains(disclosure.PartnerId)))
        {
            if (await deliveries.TryStopForWithdrawalAsync(disclosure.DeliveryPartition, disclosure.DeliveryId, cancellationToken))
            {
                stopped.Add(disclosure.DeliveryId);
            }
        }

        return stopped.Count == 0 ? disclosures : await store.ReadDisclosuresAsync(subjectKey, cancellationToken);
    }

    /// <summary>
    /// A withdrawn public display hides the name on every comment the person wrote before it (a later comment answered
    /// again, with its own consent). Only comments still showing the name are written: one point read per comment of a
    /// person who ever withdrew public display, none for anyone else.
    /// </summary>
    private async Task HideWithdrawnNamesAsync(SubjectSnapshot snapshot, IReadOnlyCollection<ConsentRecord> ownLedger, CancellationToken cancellationToken)
    {
        var withdrawnAt = ownLedger
            .Where(record => record.Purpose == ConsentPurpose.PublicDisplay && !record.Granted && IsWithdrawalForm(record.Form))
            .Select(record => (DateTimeOffset?)record.RecordedAt)
            .Max();
        if (withdrawnAt is null)
        {
            return;
        }

        var comments = snapshot.Records
            .Where(record => record.Kind == SubjectRecordKinds.Comment && record.IndexedAt <= withdrawnAt)
            .ToList();
        var hidden = await store.HideCommentNamesAsync(comments, cancellationToken);
        if (hidden > 0)
        {
            LogNamesHidden(logger, hidden);
        }
    }

    private static ConsentRecord? Newest(IEnumerable<ConsentRecord> records, string purpose) =>
        records.Where(record => record.Purpose == purpose).MaxBy(record => record.RecordedAt);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Information, Message = "Names hidden on {Count} comments after a withdrawn public display")]
    private static partial void LogNamesHidden(ILogger logger, int count);

    [LoggerMessage(EventId = 2401, Level = LogLevel.Information, Message = "Subject {Subject}: {Count} consents withdrawn (scope {Scope}, form {Form})")]
    private static partial void LogWithdrawn(ILogger logger, string subject, string scope, int count, string form);
}
