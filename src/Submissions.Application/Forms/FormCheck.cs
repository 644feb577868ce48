using Submissions.Domain.Consent;
using Submissions.Domain.Validation;

namespace Submissions.Application.Forms;

/// <summary>The outcome of checking a form: all field errors, the consent decisions, and the labels that applied.</summary>
public sealed record FormCheck(FieldErrors Errors, ConsentEvaluation Consent, IReadOnlyList<ConsentLabel> Applicable);
