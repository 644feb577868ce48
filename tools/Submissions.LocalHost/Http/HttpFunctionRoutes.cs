using Submissions.LocalHost.Metadata;

namespace Submissions.LocalHost.Http;

/// <summary>
/// The route table of the app's HTTP functions, derived from functions.metadata and host.json's route prefix. A path
/// that no function's route matches with the request's method is the host's empty 404 (not a 405).
/// </summary>
internal sealed class HttpFunctionRoutes
{
    private readonly IReadOnlyList<HttpFunctionRoute> routes;

    public HttpFunctionRoutes(IEnumerable<FunctionEntry> functions, string routePrefix) =>
        routes = [.. functions
            .Where(function => function.Trigger is HttpTrigger)
            .Select(function => new HttpFunctionRoute(function, (HttpTrigger)function.Trigger, routePrefix))
            .OrderBy(route => route.Precedence)];

    public IReadOnlyList<HttpFunctionRoute> All => routes;

    public (HttpFunctionRoute Route, IReadOnlyDictionary<string, string?> Values)? Find(string method, PathString path)
    {
        foreach (var route in routes.Where(route => route.Allows(method)))
        {
            if (route.Match(path) is { } values)
            {
                return (route, values);
            }
        }

        return null;
    }
}
