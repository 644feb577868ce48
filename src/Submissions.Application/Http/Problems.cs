using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Submissions.Domain;
using Submissions.Domain.Validation;

namespace Submissions.Application.Http;

/// <summary>Every error response the API gives, as application/problem+json.</summary>
public static class Problems
{
    public static ApiResult ValidationFailed(FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return Create(StatusCodes.Status400BadRequest, "One or more fields are invalid.", "See 'errors' for each field.", errors.ToDictionary(), errors.ToCodeDictionary());
    }

    public static ApiResult ValidationFailed(string field, string message, string code = FieldErrorCodes.Invalid) => ValidationFailed(FieldErrors.Of(field, message, code));

    /// <summary>An admin route's id that breaks the one identifier rule (<see cref="Identifiers"/>).</summary>
    public static ApiResult InvalidId(string routeParameter) => ValidationFailed(routeParameter, $"'{routeParameter}' must be {Identifiers.Rule}.");

    public static ApiResult BadRequest(string title, string? detail = null) =>
        Create(StatusCodes.Status400BadRequest, title, detail);

    /// <summary>An admin route without a signed-in App Service Authentication principal.</summary>
    public static ApiResult Unauthorized() =>
        Create(StatusCodes.Status401Unauthorized, "Sign-in is required.", "Admin routes need a signed-in account as well as a function key.");

    /// <summary>A signed-in principal that is not an admin.</summary>
    public static ApiResult Forbidden() =>
        Create(StatusCodes.Status403Forbidden, "This account may not manage submissions.", "The signed-in account does not hold the admin role.");

    public static ApiResult NotFound(string title) => Create(StatusCodes.Status404NotFound, title);

    public static ApiResult Conflict(string title, string? detail = null) => Create(StatusCodes.Status409Conflict, title, detail);

    public static ApiResult PayloadTooLarge(int maxBytes) =>
        Create(StatusCodes.Status413PayloadTooLarge, "The request body is too large.", $"The limit is {maxBytes} bytes.");

    public static ApiResult UnsupportedMediaType() =>
        Create(StatusCodes.Status415UnsupportedMediaType, "The request body must be JSON.", "Send Content-Type: application/json with UTF-8 encoding.");

    public static ApiResult Unprocessable(string title, string? detail = null) =>
        Create((int)System.Net.HttpStatusCode.UnprocessableContent, title, detail);

    public static ApiResult TooManyRequests(TimeSpan retryAfter) =>
        Create(StatusCodes.Status429TooManyRequests, "Too many submissions.", "Wait before submitting again.")
            .WithHeader("Retry-After", Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Storage did not answer. The default detail claims nothing about what was stored: a write whose answer was lost
    /// may have been stored, so only a retry can tell.
    /// </summary>
    public static ApiResult ServiceUnavailable(string title, TimeSpan retryAfter, string detail = "Storage did not answer. Retry the request later.") =>
        Create(StatusCodes.Status503ServiceUnavailable, title, detail)
            .WithHeader("Retry-After", ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture));

    public static ApiResult InternalError() =>
        Create(StatusCodes.Status500InternalServerError, "An unexpected error occurred.", "The error was logged; quote the trace id when reporting it.");

    public static ApiResult Create(
        int status, string title, string? detail = null, IReadOnlyDictionary<string, string[]>? errors = null, IReadOnlyDictionary<string, string[]>? codes = null) =>
        new ApiResult(
            status,
            new ProblemBody(TypeFor(status), title, status, detail, errors, Activity.Current?.TraceId.ToString(), codes),
            ApiResult.ProblemContentType)
        .WithHeader("Cache-Control", "no-store");

    private static string TypeFor(int status) => status switch
    {
        400 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        401 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        403 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
        404 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        409 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
        413 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        415 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
        422 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21",
        429 => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        503 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
        _ => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1",
    };
}
