using Microsoft.AspNetCore.Http;

namespace Submissions.Application.Http;

/// <summary>What a request path says about the route it asks for, judged as the host's routing matches it.</summary>
public static class ApiPaths
{
    /// <summary>host.json's extensions.http.routePrefix.</summary>
    public const string RoutePrefix = "api";

    /// <summary>The first route segment of every admin function.</summary>
    public const string ManageSegment = "manage";

    /// <summary>By whole segments and ignoring case, as the host's routing matches: /api/Manage/x is covered, /api/manager is not.</summary>
    public static bool IsManagePath(PathString path)
    {
        var segments = (path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2
            && segments[0].Equals(RoutePrefix, StringComparison.OrdinalIgnoreCase)
            && segments[1].Equals(ManageSegment, StringComparison.OrdinalIgnoreCase);
    }
}
