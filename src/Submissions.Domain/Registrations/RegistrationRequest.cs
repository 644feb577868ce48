using Submissions.Domain.Consent;
using Submissions.Domain.Forms;

namespace Submissions.Domain.Registrations;

/// <summary>The registration form as posted. <see cref="Website"/> is the honeypot: people never see it, bots fill it.</summary>
public sealed record RegistrationRequest(
    string? Email,
    string? DisplayName,
    RegistrationProfile? Profile,
    IReadOnlyList<ConsentAnswerInput?>? Consents,
    string? Website) : IFormRequest, IConsentingForm
{
    // It holds a person's values: printed (by a log, an exception, a debugger display) it shows none of them.
    public override string ToString() => nameof(RegistrationRequest);
}
