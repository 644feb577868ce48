using Microsoft.AspNetCore.Http;

namespace Submissions.Application.Http;

/// <summary>
/// An optional query parameter: absent means the default, but a parameter that is present must carry one non-empty
/// value. <c>continuationToken=</c> is a client bug (a token lost on the way), not a request for the first page.
/// </summary>
public static class QueryParameter
{
    /// <returns>False when the parameter is present but empty or repeated; otherwise true, with null when absent.</returns>
    public static bool TryRead(HttpRequest request, string name, out string? value)
    {
        ArgumentNullException.ThrowIfNull(request);
        value = null;
        if (!request.Query.TryGetValue(name, out var values))
        {
            return true;
        }

        if (values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return false;
        }

        value = values[0];
        return true;
    }
}
