namespace Submissions.Domain.Consent;

/// <param name="Kind">What the change does.</param>
/// <param name="Label">The version that is current after the change.</param>
/// <param name="Superseded">The previous version, now retired, when a new version was made.</param>
public sealed record ConsentLabelChange(ConsentLabelChangeKind Kind, ConsentLabel Label, ConsentLabel? Superseded);
