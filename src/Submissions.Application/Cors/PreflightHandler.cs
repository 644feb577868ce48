using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Submissions.Application.Http;

namespace Submissions.Application.Cors;

/// <summary>
/// Answers a CORS preflight (OPTIONS) for any public route: 204 with the allowed methods, request headers and max age
/// when the origin is allowed; a bare 204 otherwise, which the browser takes as a refusal. The actual request's headers
/// come from <see cref="CorsPolicy.ApplyTo"/>, which has already run for this response.
/// </summary>
public sealed class PreflightHandler(CorsPolicy policy)
{
    public IActionResult Answer(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var answer = new ApiResult(StatusCodes.Status204NoContent, null);
        if (policy.AllowedOriginOf(request) is not null && request.Headers.AccessControlRequestMethod.Count == 1)
        {
            answer.WithHeader("Access-Control-Allow-Methods", CorsPolicy.AllowedMethods)
                .WithHeader("Access-Control-Allow-Headers", CorsPolicy.AllowedHeaders)
                .WithHeader("Access-Control-Max-Age", CorsPolicy.MaxAgeSeconds);
        }

        return answer;
    }
}
