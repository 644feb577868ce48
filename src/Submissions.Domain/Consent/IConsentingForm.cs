namespace Submissions.Domain.Consent;

/// <summary>A form that carries consent answers.</summary>
public interface IConsentingForm
{
    IReadOnlyList<ConsentAnswerInput?>? Consents { get; }
}
