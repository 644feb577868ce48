using Submissions.Domain.Consent;
using Submissions.Domain.Forms;

namespace Submissions.Domain.Promotions;

/// <summary>A promotion entry as posted: who enters, the promotion's extra fields, and the consent answers.</summary>
public sealed record PromotionEntryRequest(
    string? Email,
    string? Name,
    IReadOnlyDictionary<string, string?>? Fields,
    IReadOnlyList<ConsentAnswerInput?>? Consents,
    string? Website) : IFormRequest, IConsentingForm
{
    // It holds a person's values: printed (by a log, an exception, a debugger display) it shows none of them.
    public override string ToString() => nameof(PromotionEntryRequest);
}
