using Submissions.Application.Http;
using Submissions.Domain.Validation;
using Submissions.Storage;

namespace Submissions.Application.Forms;

/// <summary>
/// What a form's store step came to: the storage outcome, or a refusal storage found on the way (the poll closed, the
/// option unknown — as <paramref name="Errors"/>, a 400 like any invalid field). Refusals are replayed for a retried key.
/// </summary>
public sealed record FormStored(SubmissionOutcome? Outcome, ApiResult? Refusal = null, FieldErrors? Errors = null);
