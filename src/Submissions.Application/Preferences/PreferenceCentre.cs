using Microsoft.Extensions.Logging;
using Submissions.Application.ConsentLabels;
using Submissions.Application.Exports;
using Submissions.Application.Subjects;
using Submissions.Domain.Consent;
using Submissions.Domain.Forms;
using Submissions.Domain.Privacy;
using Submissions.Domain.Validation;
using Submissions.Storage.Confirmations;
using Submissions.Storage.Ledger;
using Submissions.Storage.Subjects;

namespace Submissions.Application.Preferences;

/// <summary>
/// The preference centre's use case: a person's answers as the withdrawal code sees them (their own ledger and every
/// partition their records are in, read by key), and changes to them. A withdrawal goes through
/// <see cref="ConsentWithdrawal"/>, so partners that received the data are owed a notice as for any other. A grant is
/// only for an optional registration label the member answered before: appended to their own ledger, confirmed as it
/// is recorded — the link proves the mailbox. Partner sharing is never granted here: no delivery is owed without an
/// entry. Acceptance of terms is never withdrawn here: that is leaving, done by erasure.
/// </summary>
public sealed partial class PreferenceCentre(
    SubjectRecordsStore store,
    ConsentLabelCatalog catalog,
    ConsentWithdrawal withdrawal,
    TimeProvider time,
    ILogger<PreferenceCentre> logger)
{
    /// <summary>The ledger's form for a grant given in the preference centre (a withdrawal there is <see cref="ConsentWithdrawal.PreferenceCentreForm"/>).</summary>
    public const string GrantForm = "preference-centre-grant";

    private const int MaxAttempts = 3;

    /// <summary>The person's choices; reads storage, writes nothing.</summary>
    public async Task<PreferenceChoices> ReadAsync(SubjectKey subject, CancellationToken cancellationToken) =>
        await ChoicesAsync(await store.ReadAsync(subject.Value, includeRecordRows: false, cancellationToken), cancellationToken);

    /// <summary>
    /// Sets each named label to the answer asked: withdraws those granted and asked false, grants those not granted and
    /// asked true. Answers already as asked change nothing, so repeating a request is harmless.
    /// </summary>
    public async Task<PreferenceChange> ChangeAsync(SubjectKey subject, IReadOnlyDictionary<string, bool> wanted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        var choices = await ReadAsync(subject, cancellationToken);
        if (Refusals(choices, wanted) is { IsEmpty: false } refused)
        {
            return new PreferenceChange(choices, [], [], [], 0, refused);
        }

        var asked = choices.Labels.Where(label => wanted.TryGetValue(label.LabelId, out var granted) && granted != (label.State == ConsentStates.Granted)).ToList();
        var toWithdraw = asked.Where(label => label.State == ConsentStates.Granted).Select(label => label.LabelId).ToHashSet(StringComparer.Ordinal);
        var toGrant = asked.Where(label => label.State != ConsentStates.Granted).Select(label => label.LabelId).ToHashSet(StringComparer.Ordinal);
        var receipts = new List<string>();
        List<string> withdrawn = [];
        var notices = 0;
        if (toWithdraw.Count > 0)
        {
            var outcome = await withdrawal.WithdrawAsync(subject, WithdrawalScope.Labels(toWithdraw), ConsentWithdrawal.PreferenceCentreForm, cancellationToken);
            withdrawn = [.. outcome.Withdrawn.Select(consent => consent.LabelId)];
            notices = outcome.Notices.Count;
            receipts.AddRange(outcome.ReceiptId is { } receiptId ? [receiptId] : []);
        }

        var granted = toGrant.Count > 0 ? await GrantAsync(subject, toGrant, cancellationToken) : null;
        receipts.AddRange(granted is null ? [] : [granted.ReceiptId]);
        List<string> grantedIds = [.. granted?.Decisions.Select(decision => decision.Label.LabelId) ?? []];
        if (withdrawn.Count + grantedIds.Count > 0)
        {
            LogChanged(logger, subject.ShortForm, withdrawn.Count, grantedIds.Count, notices);
            choices = await ReadAsync(subject, cancellationToken);
        }

        return new PreferenceChange(choices, withdrawn, grantedIds, receipts, notices, null);
    }

    /// <summary>What a request asks that cannot be done here; empty when all of it can.</summary>
    private static FieldErrors Refusals(PreferenceChoices choices, IReadOnlyDictionary<string, bool> wanted)
    {
        var errors = new FieldErrors();
        foreach (var (labelId, granted) in wanted.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (choices.Find(labelId) is not { } label)
            {
                // The id is the client's: it is not echoed.
                errors.Add("labels", "Names a label you have not answered with this email address.", FieldErrorCodes.ConsentUnknown);
            }
            else if (!granted && label.State == ConsentStates.Granted && !label.CanWithdraw)
            {
                errors.Add($"labels.{labelId}", "Accepting the terms cannot be withdrawn here: to leave, ask for your data to be erased.", FieldErrorCodes.ConsentRequired);
            }
            else if (granted && label.State != ConsentStates.Granted && !label.CanGrant)
            {
                errors.Add($"labels.{labelId}", label.Purpose == ConsentPurpose.PartnerSharing
                    ? "Sharing with a partner can only be given with an entry to one of its promotions."
                    : "This consent can only be given again with the form that asks for it.", FieldErrorCodes.NotAnOption);
            }
        }

        return errors;
    }

    /// <summary>
    /// Grants the labels still grantable, in one transaction conditional on the member row read: a re-registration in
    /// between reads again; an erasure leaves nothing to grant. Null when nothing was granted.
    /// </summary>
    private async Task<ConsentReceiptDraft?> GrantAsync(SubjectKey subject, IReadOnlySet<string> labelIds, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await store.ReadAsync(subject.Value, includeRecordRows: false, cancellationToken);
            var labels = await catalog.GetAsync(cancellationToken);
            var standing = snapshot.StillGranted(_ => true).Select(record => record.LabelId).ToHashSet(StringComparer.Ordinal);
            var decisions = labelIds.Order(StringComparer.Ordinal)
                .Where(labelId => !standing.Contains(labelId))
                .Select(labelId => GrantableVersion(snapshot, labels, labelId))
                .OfType<ConsentLabel>()
                .Select(label => new ConsentDecision(label, Granted: true))
                .ToList();
            if (decisions.Count == 0)
            {
                return null;
            }

            var receipt = new ConsentReceiptDraft(Guid.CreateVersion7().ToString("N"), GrantForm, time.GetUtcNow(), decisions)
            {
                ConfirmationMethod = ConfirmationMethods.PreferenceCentre,
            };
            if (await store.AppendMemberGrantAsync(snapshot, receipt, finalAttempt: attempt >= MaxAttempts, cancellationToken))
            {
                return receipt;
            }
        }
    }

    private async Task<PreferenceChoices> ChoicesAsync(SubjectSnapshot snapshot, CancellationToken cancellationToken)
    {
        var effective = snapshot.EffectiveConsents;
        if (effective.Count == 0)
        {
            return new PreferenceChoices([]);
        }

        // Per label the standing grant, judged as the withdrawal and the delivery re-check judge it, else the newest answer.
        var standing = snapshot.StillGranted(_ => true).ToDictionary(record => record.LabelId, StringComparer.Ordinal);
        var shown = effective.Values.Select(newest => standing.GetValueOrDefault(newest.LabelId) ?? newest).ToList();
        var texts = await catalog.CoveringAsync(shown.Select(record => (record.LabelId, record.Version)), cancellationToken);
        var current = await catalog.GetAsync(cancellationToken);
        return new PreferenceChoices([.. shown.OrderBy(record => record.LabelId, StringComparer.Ordinal).Select(record =>
        {
            var grantable = record.Granted ? null : GrantableVersion(snapshot, current, record.LabelId);
            return new PreferenceLabel(
                record.LabelId, record.Version, record.Purpose, record.PartnerId, texts.Find(record.LabelId, record.Version)?.Text,
                ConsentStates.Of(record.Granted, record.Form), record.RecordedAt, record.ConfirmedAt,
                CanWithdraw: record.Granted && record.Purpose != ConsentPurpose.Terms,
                CanGrant: grantable is not null,
                GrantText: grantable is not null && grantable.Version != record.Version ? grantable.Text : null);
        })]);
    }

    /// <summary>
    /// The version a grant here would record: the active registration version of an optional special-offers or
    /// demographics label, for a member who answered it with a registration. Null for anything else.
    /// </summary>
    private static ConsentLabel? GrantableVersion(SubjectSnapshot snapshot, ConsentCatalog labels, string labelId)
    {
        if (snapshot.Member is null || !snapshot.OwnLedger.Any(record => record.LabelId == labelId && record.Form == FormKind.Registration))
        {
            return null;
        }

        var active = labels.ActiveFor(FormKind.Registration).FirstOrDefault(label => label.LabelId == labelId);
        return active is { Required: false, Purpose: ConsentPurpose.SpecialOffers or ConsentPurpose.Demographics } ? active : null;
    }

    [LoggerMessage(EventId = 3561, Level = LogLevel.Information, Message = "Preference centre: subject {Subject} withdrew {Withdrawn} and granted {Granted} consents ({Notices} notices owed)")]
    private static partial void LogChanged(ILogger logger, string subject, int withdrawn, int granted, int notices);
}
