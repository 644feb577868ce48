using Microsoft.Extensions.Options;
using Submissions.Domain.Consent;
using Submissions.Storage.Confirmations;

namespace Submissions.Application.Confirmations;

/// <summary>
/// Builds what a confirming form stores as pending: its answers with what the ledger will need, its expiry, and its
/// confirmation id, which names the table and partition it is stored in (<see cref="ConfirmationIds"/>).
/// </summary>
public sealed class PendingSubmissions(IOptions<ConfirmationOptions> options)
{
    public NewPendingSubmission Create(
        string form,
        string table,
        string partition,
        string subjectKey,
        string email,
        string name,
        string dataJson,
        IEnumerable<ConsentDecision> decisions,
        string receiptId,
        string submissionId,
        DateTimeOffset now,
        string? deliveryId = null,
        string? partnerId = null)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var answers = decisions
            .Select(decision => new PendingAnswer(
                decision.Label.LabelId, decision.Label.Version, decision.Label.Purpose, decision.Label.PartnerId, decision.Label.TextSha256, decision.Granted))
            .ToList();
        return new NewPendingSubmission(
            ConfirmationIds.New(table, partition), form, partition, subjectKey, email, name, dataJson, answers, receiptId, submissionId,
            deliveryId, partnerId, now, now.AddDays(options.Value.ExpiryDays));
    }
}
