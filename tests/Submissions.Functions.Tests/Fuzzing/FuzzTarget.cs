using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Submissions.Functions.Hosting;
using Submissions.Functions.Http;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>Sends a case to its function exactly as the Functions host would hand it over, and runs the result.</summary>
public static class FuzzTarget
{
    /// <summary>The function (functions.metadata's name) each endpoint is.</summary>
    public static string FunctionName(FuzzEndpoint endpoint) => endpoint switch
    {
        FuzzEndpoint.Registrations => "SubmitRegistration",
        FuzzEndpoint.Comments => "SubmitComment",
        FuzzEndpoint.Votes => "CastVote",
        FuzzEndpoint.PromotionEntries => "EnterPromotion",
        FuzzEndpoint.OptOutPost => "OptOut",
        FuzzEndpoint.OptOutGet => "ConfirmOptOut",
        FuzzEndpoint.PreferencesPost => "ChangePreferences",
        FuzzEndpoint.PreferencesGet => "ShowPreferences",
        FuzzEndpoint.PageComments => "ListPageComments",
        FuzzEndpoint.PollResults => "GetPollResults",
        FuzzEndpoint.ConsentLabels => "GetConsentLabels",
        FuzzEndpoint.Health => "GetHealth",
        FuzzEndpoint.PromotionGet => "GetPromotion",
        FuzzEndpoint.Preflight => "Preflight",
        FuzzEndpoint.ConfirmGet => "ShowConfirmation",
        FuzzEndpoint.ConfirmPost => "Confirm",
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null),
    };

    public static HttpRequest RequestFor(FuzzCase fuzz)
    {
        ArgumentNullException.ThrowIfNull(fuzz);
        // The route value reaches the function as its parameter (the host has decoded it); the path only names the route,
        // except for the preflight's catch-all route, where the path is what the function reads.
        var request = HttpExchange.Request(fuzz.Method, fuzz.RequestPath, fuzz.Body, fuzz.ContentType, query: null, headers: null, declareLength: false);
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

    /// <summary>
    /// The function behind the app's CORS middleware, as the worker runs every HTTP invocation: the CORS headers of
    /// every answer are the app's, not the function's. (The exception middleware is left out: an escaped exception is
    /// itself a finding here.)
    /// </summary>
    public static async Task<IActionResult> Invoke(TestApp app, FuzzCase fuzz, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(fuzz);
        ArgumentNullException.ThrowIfNull(request);
        IActionResult? result = null;
        var middleware = app.Services.GetRequiredService<CrossOriginMiddleware>();
        await middleware.Invoke(new StubFunctionContext(request.HttpContext, FunctionName(fuzz.Endpoint)), async _ => result = await Function(app, fuzz, request));
        return result ?? throw new InvalidOperationException("The CORS middleware did not run the function.");
    }

    private static Task<IActionResult> Function(TestApp app, FuzzCase fuzz, HttpRequest request)
    {
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
            FuzzEndpoint.PreferencesPost => app.Function<PreferenceFunctions>().ChangeAsync(request, token),
            FuzzEndpoint.PreferencesGet => app.Function<PreferenceFunctions>().ShowAsync(request, token),
            FuzzEndpoint.PageComments => app.Function<CommentFunctions>().ListForPageAsync(request, route, token),
            FuzzEndpoint.PollResults => app.Function<PollFunctions>().ResultsAsync(request, route, token),
            FuzzEndpoint.ConsentLabels => app.Function<ConsentLabelFunctions>().GetForFormAsync(request, token),
            FuzzEndpoint.PromotionGet => app.Function<PromotionFunctions>().GetAsync(request, route, token),
            FuzzEndpoint.Preflight => Task.FromResult(app.Function<PreflightFunctions>().Answer(request)),
            FuzzEndpoint.ConfirmGet => app.Function<ConfirmationFunctions>().ShowAsync(request, token),
            FuzzEndpoint.ConfirmPost => app.Function<ConfirmationFunctions>().ConfirmAsync(request, token),
            _ => app.Function<HealthFunctions>().GetAsync(request, token),
        };
    }
}
