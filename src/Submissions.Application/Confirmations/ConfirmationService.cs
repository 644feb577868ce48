using Microsoft.Extensions.Logging;
using Submissions.Storage.Confirmations;

namespace Submissions.Application.Confirmations;

/// <summary>
/// Confirms a pending submission by its confirmation id, whichever form it belongs to: finds it (two point reads),
/// refuses one past its expiry, and hands it to its form. Repeating it is harmless: a confirmed submission answers
/// <see cref="ConfirmationOutcome.AlreadyConfirmed"/> and changes nothing.
/// </summary>
public sealed partial class ConfirmationService(
    ConfirmationStore store, IEnumerable<IConfirmingForm> forms, TimeProvider time, ILogger<ConfirmationService> logger)
{
    private readonly Dictionary<string, IConfirmingForm> byKind = forms.ToDictionary(form => form.Kind, StringComparer.Ordinal);

    public async Task<ConfirmationOutcome> ConfirmAsync(string confirmationId, string method, CancellationToken cancellationToken)
    {
        var lookup = await store.FindAsync(confirmationId, cancellationToken);
        if (lookup.Pending is not { } pending)
        {
            return lookup.Confirmed switch
            {
                { Result: ConfirmationResults.AlreadyEntered } => new ConfirmationOutcome.AlreadyEntered(),
                { } record => new ConfirmationOutcome.AlreadyConfirmed(record),
                _ => new ConfirmationOutcome.NotFound(),
            };
        }

        var now = time.GetUtcNow();
        if (pending.ExpiresAt <= now || !byKind.TryGetValue(pending.Form, out var form))
        {
            return new ConfirmationOutcome.NotFound();
        }

        var outcome = await form.ConfirmAsync(pending, method, now, cancellationToken);
        LogConfirmed(logger, pending.Form, pending.ReceiptId, method, outcome.GetType().Name);
        return outcome;
    }

    [LoggerMessage(EventId = 3511, Level = LogLevel.Information, Message = "{Form} submission with receipt {ReceiptId} confirmed by {Method}: {Outcome}")]
    private static partial void LogConfirmed(ILogger logger, string form, string receiptId, string method, string outcome);
}
