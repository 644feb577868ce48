using Submissions.Domain.Consent;
using Submissions.Domain.Forms;

namespace Submissions.Functions.Tests.Forms;

/// <summary>The petition form as posted to POST petitions/{petitionId}/signatures: a signature needs an email and a name.</summary>
public sealed record SignatureRequest(
    string? Email,
    string? Name,
    IReadOnlyList<ConsentAnswerInput?>? Consents,
    string? Website) : IFormRequest, IConsentingForm;
