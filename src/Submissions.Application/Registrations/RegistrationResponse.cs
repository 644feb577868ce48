using Submissions.Domain.Consent;

namespace Submissions.Application.Registrations;

/// <summary>201 body: the member id and the consent receipt that proves what was agreed.</summary>
public sealed record RegistrationResponse(string Id, ConsentReceiptView Receipt);

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
