using Submissions.Application.Http;

namespace Submissions.Application.Forms;

/// <summary>
/// What a form knows about a request's target once loaded (the promotion entered, the poll voted in, the person's key).
/// <paramref name="Refusal"/> turns the request away before its fields are checked, and is replayed for a retried key
/// like any refusal; <paramref name="Problem"/> ends it outright (there is no target, so nowhere a prior answer is kept).
/// </summary>
public sealed record FormContext<TContext>(TContext Value, ApiResult? Refusal = null, ApiResult? Problem = null);
