using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Submissions.Domain;
using Submissions.Domain.Validation;

namespace Submissions.Application.Http;

/// <summary>
/// Every error response the API gives, as application/problem+json, each with the <see cref="ProblemTypes"/> type of
/// its kind of problem.
/// </summary>
public static class Problems
{
    public static ApiResult ValidationFailed(FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return Create(ProblemTypes.ValidationFailed, StatusCodes.Status400BadRequest, "One or more fields are invalid.", "See 'errors' for each field.", errors.ToDictionary(), errors.ToCodeDictionary());
    }

    public static ApiResult ValidationFailed(string field, string message, string code = FieldErrorCodes.Invalid) => ValidationFailed(FieldErrors.Of(field, message, code));

    /// <summary>An admin route's id that breaks the one identifier rule (<see cref="Identifiers"/>).</summary>
    public static ApiResult InvalidId(string routeParameter) =>
        ValidationFailed(routeParameter, $"'{routeParameter}' must be {Identifiers.Rule}.", FieldErrorCodes.InvalidFormat);

    /// <summary>A body that is empty, not JSON, not an object, or has a value of the wrong type.</summary>
    public static ApiResult MalformedBody(string title, string? detail = null) =>
        Create(ProblemTypes.MalformedBody, StatusCodes.Status400BadRequest, title, detail);

    /// <summary>A submission refused as automated (the honeypot); says no more, so a bot learns nothing.</summary>
    public static ApiResult SubmissionRejected() =>
        Create(ProblemTypes.SubmissionRejected, StatusCodes.Status400BadRequest, "The submission was rejected.");

    public static ApiResult InvalidLink(string title) => Create(ProblemTypes.InvalidLink, StatusCodes.Status400BadRequest, title);

    public static ApiResult LinkExpired(string title, string detail) => Create(ProblemTypes.LinkExpired, StatusCodes.Status410Gone, title, detail);

    /// <summary>An admin route without a signed-in App Service Authentication principal.</summary>
    public static ApiResult Unauthorized() =>
        Create(ProblemTypes.Unauthorized, StatusCodes.Status401Unauthorized, "Sign-in is required.", "Admin routes need a signed-in account as well as a function key.");

    /// <summary>A signed-in principal that is not an admin.</summary>
    public static ApiResult Forbidden() =>
        Create(ProblemTypes.Forbidden, StatusCodes.Status403Forbidden, "This account may not manage submissions.", "The signed-in account does not hold the admin role.");

    public static ApiResult NotFound(string title) => Create(ProblemTypes.NotFound, StatusCodes.Status404NotFound, title);

    /// <summary>A 409 of the kind <paramref name="type"/>: a duplicate, a closed promotion or poll, a concurrent change.</summary>
    public static ApiResult Conflict(string type, string title, string? detail = null) => Create(type, StatusCodes.Status409Conflict, title, detail);

    public static ApiResult PayloadTooLarge(int maxBytes) =>
        Create(ProblemTypes.PayloadTooLarge, StatusCodes.Status413PayloadTooLarge, "The request body is too large.", $"The limit is {maxBytes} bytes.");

    public static ApiResult UnsupportedMediaType() =>
        Create(ProblemTypes.UnsupportedMediaType, StatusCodes.Status415UnsupportedMediaType, "The request body must be JSON.", "Send Content-Type: application/json with UTF-8 encoding.");

    /// <summary>The one 422: an Idempotency-Key already used with a different request.</summary>
    public static ApiResult IdempotencyKeyReused(string title, string? detail = null) =>
        Create(ProblemTypes.IdempotencyKeyReused, (int)System.Net.HttpStatusCode.UnprocessableContent, title, detail);

    public static ApiResult TooManyRequests(TimeSpan retryAfter) =>
        Create(ProblemTypes.RateLimited, StatusCodes.Status429TooManyRequests, "Too many submissions.", "Wait before submitting again.")
            .WithHeader("Retry-After", Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Storage did not answer. The default detail claims nothing about what was stored: a write whose answer was lost
    /// may have been stored, so only a retry can tell.
    /// </summary>
    public static ApiResult ServiceUnavailable(string title, TimeSpan retryAfter, string detail = "Storage did not answer. Retry the request later.") =>
        Create(ProblemTypes.StorageUnavailable, StatusCodes.Status503ServiceUnavailable, title, detail)
            .WithHeader("Retry-After", ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture));

    public static ApiResult InternalError() =>
        Create(ProblemTypes.InternalError, StatusCodes.Status500InternalServerError, "An unexpected error occurred.", "The error was logged; quote the trace id when reporting it.");

    public static ApiResult Create(
        string type, int status, string title, string? detail = null, IReadOnlyDictionary<string, string[]>? errors = null, IReadOnlyDictionary<string, string[]>? codes = null) =>
        new ApiResult(
            status,
            new ProblemBody(type, title, status, detail, errors, Activity.Current?.TraceId.ToString(), codes),
            ApiResult.ProblemContentType)
        .WithHeader("Cache-Control", "no-store");
}
