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

/// <summary>One recorded answer, with the hash of the exact text the person answered.</summary>
public sealed record ConsentReceiptAnswer(string LabelId, int Version, string Purpose, bool Granted, string TextSha256)
{
    public static ConsentReceiptAnswer From(ConsentDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new(decision.Label.LabelId, decision.Label.Version, decision.Label.Purpose, decision.Granted, decision.Label.TextSha256);
    }
}
