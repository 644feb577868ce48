using System.Globalization;
using Microsoft.AspNetCore.Routing.Template;
using Submissions.LocalHost.Metadata;

namespace Submissions.LocalHost.Http;

/// <summary>One HTTP function's route: its template under the host's route prefix, and the methods it is bound to.</summary>
internal sealed class HttpFunctionRoute
{
    private readonly TemplateMatcher matcher;

    public HttpFunctionRoute(FunctionEntry function, HttpTrigger trigger, string routePrefix)
    {
        Function = function;
        Trigger = trigger;
        Template = string.IsNullOrEmpty(routePrefix) ? trigger.Route : routePrefix + "/" + trigger.Route;
        var parsed = TemplateParser.Parse(Template);

        // The host applies inline constraints ({id:int}); this matcher does not, so a route with one is refused at
        // start-up rather than matched differently.
        if (parsed.Parameters.Any(parameter => parameter.InlineConstraints.Any()))
        {
            throw new NotSupportedException($"Function {function.Name}'s route '{trigger.Route}' has an inline constraint, which the local host does not apply.");
        }

        matcher = new TemplateMatcher(parsed, []);
        Precedence = RoutePrecedence.ComputeInbound(parsed);
    }

    public FunctionEntry Function { get; }

    public HttpTrigger Trigger { get; }

    /// <summary>The full template, as a URL path below the host ("api/promotions/{promotionId}").</summary>
    public string Template { get; }

    /// <summary>Lower is more specific (literal segments before parameters), as ASP.NET Core routing orders routes.</summary>
    public decimal Precedence { get; }

    public bool Allows(string method) => Trigger.Methods.Count == 0 || Trigger.Methods.Contains(method, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, string?>? Match(PathString path)
    {
        var values = new RouteValueDictionary();
        return matcher.TryMatch(path, values)
            ? values.ToDictionary(pair => pair.Key, pair => Convert.ToString(pair.Value, CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase)
            : null;
    }
}
