namespace Submissions.Domain.Consent;

/// <summary>One answer as a form submits it. Every member is nullable so a missing value is reported, never defaulted.</summary>
public sealed record ConsentAnswerInput(string? LabelId, int? Version, bool? Granted);
