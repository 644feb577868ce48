namespace Submissions.Domain.Consent;

public static class ConsentAnswerRules
{
    public const int MaxAnswers = 32;
    public const string LabelIdPattern = Identifiers.Pattern;
    public const string NullAnswerMessage = "A consent answer must be an object with labelId, version and granted.";
}
