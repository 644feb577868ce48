using Submissions.Domain.Consent;

namespace Submissions.Application.Forms;

/// <summary>The consent receipt every form returns: what was answered, when, and the hash of each exact text.</summary>
public sealed record ConsentReceiptView(string Id, DateTimeOffset RecordedAt, IReadOnlyList<ConsentReceiptAnswer> Consents)
{
    public static ConsentReceiptView From(string receiptId, DateTimeOffset recordedAt, IReadOnlyList<ConsentDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        return new(receiptId, recordedAt, [.. decisions.Select(ConsentReceiptAnswer.From)]);
    }
}
