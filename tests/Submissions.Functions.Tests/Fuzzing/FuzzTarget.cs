using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;
using Submissions.Functions.Http;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>Sends a case to its function exactly as the Functions host would hand it over, and runs the result.</summary>
public static class FuzzTarget
{
    public static HttpRequest RequestFor(FuzzCase fuzz)
    {
        ArgumentNullException.ThrowIfNull(fuzz);
        // The route value reaches the function as its parameter (the host has decoded it); the path only names the route.
        var request = HttpExchange.Request(fuzz.Method, fuzz.PathTemplate, fuzz.Body, fuzz.ContentType, query: null, headers: null, declareLength: false);
        if (fuzz.Query is { Length: > 0 } query)
        {
            request.QueryString = query.StartsWith('?') ? new QueryString(query) : new QueryString("?" + query);
        }

        // Content-Length cannot be negative in ASP.NET Core; a declared length is otherwise whatever the case says.
        request.ContentLength = fuzz.DeclaredLength is { } length ? Math.Max(0, length) : null;
        foreach (var (name, values) in fuzz.Headers)
        {
            request.Headers[name] = new StringValues(values);
        }

        return request;
    }

    public static Task<IActionResult> Invoke(TestApp app, FuzzCase fuzz, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(fuzz);
        var route = fuzz.RouteValue ?? string.Empty;
        var token = TestContext.Current.CancellationToken;
        return fuzz.Endpoint switch
        {
            FuzzEndpoint.Registrations => app.Function<RegistrationFunctions>().SubmitAsync(request, token),
            FuzzEndpoint.Comments => app.Function<CommentFunctions>().SubmitAsync(request, token),
            FuzzEndpoint.Votes => app.Function<PollFunctions>().VoteAsync(request, route, token),
            FuzzEndpoint.PromotionEntries => app.Function<PromotionFunctions>().EnterAsync(request, route, token),
            FuzzEndpoint.OptOutPost => app.Function<OptOutFunctions>().OptOutAsync(request, token),
            FuzzEndpoint.OptOutGet => app.Function<OptOutFunctions>().ConfirmAsync(request, token),
            FuzzEndpoint.PageComments => app.Function<CommentFunctions>().ListForPageAsync(request, route, token),
            FuzzEndpoint.PollResults => app.Function<PollFunctions>().ResultsAsync(request, route, token),
            FuzzEndpoint.ConsentLabels => app.Function<ConsentLabelFunctions>().GetForFormAsync(request, token),
            _ => app.Function<HealthFunctions>().GetAsync(request, token),
        };
    }
}
