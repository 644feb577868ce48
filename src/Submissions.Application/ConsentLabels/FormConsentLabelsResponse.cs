namespace Submissions.Application.ConsentLabels;

/// <summary>The labels a form must show.</summary>
public sealed record FormConsentLabelsResponse(string Form, IReadOnlyList<FormConsentLabelView> Labels);
