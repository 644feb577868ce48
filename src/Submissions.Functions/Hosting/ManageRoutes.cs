using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Http;

namespace Submissions.Functions.Hosting;

/// <summary>Which invocations are admin ones: those under /api/manage/, by request path or by the function's own route.</summary>
internal static class ManageRoutes
{
    private static readonly ConcurrentDictionary<string, bool> ManageByEntryPoint = new(StringComparer.Ordinal);

    /// <summary>
    /// Either test suffices: the path is what the caller asked for, the route is what the host matched. Checking both
    /// means no odd spelling of a path can reach a manage function unchecked.
    /// </summary>
    public static bool Cover(PathString path, FunctionDefinition function) => ApiPaths.IsManagePath(path) || IsManageFunction(function);

    private static bool IsManageFunction(FunctionDefinition function) =>
        ManageByEntryPoint.GetOrAdd(function.EntryPoint, static entryPoint => RouteOf(entryPoint) is { } route
            && route.Split('/')[0].Equals(ApiPaths.ManageSegment, StringComparison.OrdinalIgnoreCase));

    /// <summary>The HttpTrigger route of an entry point ("Namespace.Type.Method") in this assembly, if it has one.</summary>
    private static string? RouteOf(string entryPoint)
    {
        var dot = entryPoint.LastIndexOf('.');
        var type = dot > 0 ? typeof(ManageRoutes).Assembly.GetType(entryPoint[..dot]) : null;
        return type?.GetMethods()
            .Where(method => method.Name == entryPoint[(dot + 1)..])
            .SelectMany(method => method.GetParameters())
            .Select(parameter => parameter.GetCustomAttribute<HttpTriggerAttribute>()?.Route)
            .FirstOrDefault(route => route is not null);
    }
}
