using Submissions.Domain.Consent;

namespace Submissions.Application.Forms;

/// <summary>One recorded answer, with the hash of the exact text the person answered.</summary>
public sealed record ConsentReceiptAnswer(string LabelId, int Version, string Purpose, bool Granted, string TextSha256)
{
    public static ConsentReceiptAnswer From(ConsentDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new(decision.Label.LabelId, decision.Label.Version, decision.Label.Purpose, decision.Granted, decision.Label.TextSha256);
    }
}
