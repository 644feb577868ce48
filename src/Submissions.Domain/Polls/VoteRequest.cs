using Submissions.Domain.Consent;
using Submissions.Domain.Forms;

namespace Submissions.Domain.Polls;

/// <summary>
/// A vote. The voter is the opaque token from the site's minimal cookie and/or an email; each identifies one vote per
/// poll, so giving both closes the gap of voting once with each.
/// </summary>
public sealed record VoteRequest(
    string? OptionId,
    string? VoterToken,
    string? Email,
    IReadOnlyList<ConsentAnswerInput?>? Consents,
    string? Website) : IFormRequest, IConsentingForm
{
    // It holds a person's values: printed (by a log, an exception, a debugger display) it shows none of them.
    public override string ToString() => nameof(VoteRequest);
}
