using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.ConsentLabels;
using Submissions.Application.Deliveries;
using Submissions.Application.Links;
using Submissions.Application.Mail;
using Submissions.Application.OptOut;
using Submissions.Domain.Consent;
using Submissions.Domain.Privacy;
using Submissions.Storage.Confirmations;
using Submissions.Storage.Deliveries;
using Submissions.Storage.Outbox;
using Submissions.Storage.Queues;

namespace Submissions.Application.Confirmations;

/// <summary>
/// Sends the confirmation mail a pending submission owes, on the outbox lifecycle deliveries use: a lease against
/// concurrent copies of the message (so one confirmation never gets two mails from two copies), a transient relay
/// failure released for the queue's retry, a refusal or exhausted retries dead-lettered for an admin to retry. The
/// address is read from the pending row when sending: a submission confirmed, expired or erased meanwhile gets no mail.
/// </summary>
public sealed partial class ConfirmationMailKind(
    ConfirmationStore store,
    IEnumerable<IConfirmingForm> forms,
    ConsentLabelCatalog catalog,
    SignedLinks links,
    IMailTransport transport,
    DeadLetterStore deadLetters,
    SubmissionsQueues queues,
    IOptions<ConfirmationOptions> options,
    IOptions<OptOutOptions> publicBase,
    IOptions<DeliveryOptions> delivery,
    IOptions<MailOptions> mail,
    TimeProvider time,
    ILogger<ConfirmationMailKind> logger) : IOutboundMailKind
{
    public const string KindName = "confirmation";

    private readonly Dictionary<string, IConfirmingForm> byKind = forms.ToDictionary(form => form.Kind, StringComparer.Ordinal);

    /// <summary>How long the send itself needs the lease: one SMTP session with its whole timeout, and a margin.</summary>
    private readonly TimeSpan sending = TimeSpan.FromSeconds(mail.Value.TimeoutSeconds + 15);

    // Outlasts one SMTP session with its timeout and the storage writes around it, so two copies of the message never
    // send at once; a lease left short is renewed just before the send (ExtendAsync).
    private readonly OutboxAttempts<PendingSubmission> attempts = new(
        new OutboxKind<PendingSubmission>(
            "confirmation mail",
            store.TryUpdateAsync,
            store.RereadAsync,
            pending => pending.ConfirmationId,
            (pending, _, token) => queues.SendMailAsync(KindName, pending.ConfirmationId, token)), // mail is never scheduled later
        deadLetters,
        time,
        TimeSpan.FromSeconds(mail.Value.TimeoutSeconds + 60));

    public string Kind => KindName;

    public async Task ProcessAsync(string id, long dequeueCount, CancellationToken cancellationToken)
    {
        // Logs name the confirmation by its UUID alone: a registration's id also holds the subject key.
        var shortId = ConfirmationIds.ShortForm(id);
        if ((await store.FindAsync(id, cancellationToken)).Pending is not { } pending)
        {
            LogNothingOwed(logger, shortId);
            return;
        }

        if (pending.Status != OutboxStatus.Owed)
        {
            LogAlreadyDone(logger, shortId, pending.Status);
            return;
        }

        if (pending.ExpiresAt <= time.GetUtcNow() || !byKind.TryGetValue(pending.Form, out var form))
        {
            await attempts.StopAsync(pending, "expired", cancellationToken);
            return;
        }

        // Composed before the lease is taken (it reads the catalog and the promotion), so the lease covers the send alone.
        var outgoing = await ComposeAsync(pending, form, cancellationToken);
        if (outgoing is null)
        {
            await attempts.ClaimAsync(pending, dequeueCount, cancellationToken);
            await attempts.FailAsync(pending, "label-text-unavailable", DeadLetterFor(), cancellationToken);
            LogFailed(logger, shortId, "label-text-unavailable");
            return;
        }

        await attempts.ClaimAsync(pending, dequeueCount, cancellationToken);
        await attempts.ExtendAsync(pending, sending, cancellationToken);
        try
        {
            await transport.SendAsync(outgoing, cancellationToken);
        }
        catch (MailTransportException ex) when (ex.IsTransient)
        {
            await attempts.ReleaseAsync(pending, ex.Reason, cancellationToken);
            LogRelayFailed(logger, shortId, ex.Reason, pending.Attempts);
            throw new TransientDeliveryException("The mail relay did not take the mail; the queue retries it.", ex.Reason);
        }
        catch (MailTransportException ex)
        {
            await attempts.FailAsync(pending, ex.Reason, DeadLetterFor(), cancellationToken);
            LogFailed(logger, shortId, ex.Reason);
            return;
        }

        await attempts.MarkDeliveredAsync(pending, cancellationToken);
        LogSent(logger, shortId, pending.Form, pending.Attempts);
    }

    public async Task RecordDeadLetterAsync(string id, long dequeueCount, CancellationToken cancellationToken)
    {
        var shortId = ConfirmationIds.ShortForm(id);
        var pending = (await store.FindAsync(id, cancellationToken)).Pending;
        if (attempts.DeadLetterReason(pending, dequeueCount) is { } reason)
        {
            await attempts.FailAsync(pending!, reason, DeadLetterFor(), cancellationToken);
            LogFailed(logger, shortId, reason);
        }
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddMinutes(-delivery.Value.OutboxSweepAgeMinutes);
        return await attempts.SweepAsync(store.ListOwedBeforeAsync(cutoff, cancellationToken), cutoff, cancellationToken);
    }

    public Task<bool> RetryAsync(DeadLetter failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return attempts.RetryAsync(
            failure,
            async token => (await store.FindAsync(failure.Id, token)).Pending,
            token => queues.SendMailAsync(KindName, failure.Id, token),
            cancellationToken);
    }

    /// <summary>
    /// The mail, or null when a granted label's exact text cannot be shown (its version is gone, or its text is not the
    /// one answered): a mail that understated what confirming grants must not go out.
    /// </summary>
    private async Task<OutgoingMail?> ComposeAsync(PendingSubmission pending, IConfirmingForm form, CancellationToken cancellationToken)
    {
        var answers = pending.Answers;
        var labels = await catalog.CoveringAsync(answers.Select(answer => (answer.LabelId, answer.Version)), cancellationToken);
        var granted = new List<ConsentLabel>();
        foreach (var answer in answers.Where(answer => answer.Granted))
        {
            if (labels.Find(answer.LabelId, answer.Version) is not { } label || label.TextSha256 != answer.TextSha256)
            {
                return null;
            }

            granted.Add(label);
        }

        var summary = await form.DescribeAsync(pending, cancellationToken);
        var now = time.GetUtcNow();
        return ConfirmationMail.Compose(
            pending.Email,
            $"{ConfirmationIds.ShortForm(pending.ConfirmationId)}.confirmation@{new Uri(publicBase.Value.PublicBaseUrl).Host}",
            summary,
            granted,
            pending.ReceiptId,
            links.Confirm(pending.ConfirmationId, pending.ExpiresAt),
            links.Preferences(new SubjectKey(pending.SubjectKey), now.AddDays(options.Value.PreferenceLinkDays)),
            pending.ExpiresAt);
    }

    private static DeadLetter DeadLetterFor() =>
        new(string.Empty, OutboundMailDispatcher.DeadLetterKind(KindName), string.Empty, string.Empty, string.Empty, 0, default);

    [LoggerMessage(EventId = 3521, Level = LogLevel.Information, Message = "Confirmation mail {ConfirmationId} ({Form}) sent, attempt {Attempts}")]
    private static partial void LogSent(ILogger logger, string confirmationId, string form, int attempts);

    [LoggerMessage(EventId = 3522, Level = LogLevel.Warning, Message = "Confirmation mail {ConfirmationId}: relay failed ({Reason}), attempt {Attempts}; the queue retries it")]
    private static partial void LogRelayFailed(ILogger logger, string confirmationId, string reason, int attempts);

    [LoggerMessage(EventId = 3523, Level = LogLevel.Warning, Message = "Confirmation mail {ConfirmationId} failed for good: {Reason}")]
    private static partial void LogFailed(ILogger logger, string confirmationId, string reason);

    [LoggerMessage(EventId = 3524, Level = LogLevel.Information, Message = "Confirmation mail {ConfirmationId}: nothing waits any more (confirmed, expired or erased); nothing sent")]
    private static partial void LogNothingOwed(ILogger logger, string confirmationId);

    [LoggerMessage(EventId = 3525, Level = LogLevel.Information, Message = "Confirmation mail {ConfirmationId} already {Status}; nothing sent")]
    private static partial void LogAlreadyDone(ILogger logger, string confirmationId, string status);
}
