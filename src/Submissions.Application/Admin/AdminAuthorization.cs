using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Submissions.Application.Http;

namespace Submissions.Application.Admin;

/// <summary>
/// The one decision for every /api/manage/* request, on top of the function key the host checks: when
/// Admin:RequireRole is on, an App Service Authentication principal holding the admin role. The responses say what
/// is missing in general terms and never echo the header or a claim.
/// </summary>
public sealed class AdminAuthorization(IOptions<AdminOptions> options)
{
    /// <summary>Null when the request may proceed; otherwise why not and the problem to answer with.</summary>
    public AdminRefusal? Authorize(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var admin = options.Value;
        if (!admin.RequireRole)
        {
            return null;
        }

        if (!AdminPrincipal.TryRead(request, out var principal, out var failure))
        {
            return new AdminRefusal(failure, Problems.Unauthorized());
        }

        return principal.IsInRole(admin.Role) ? null : new AdminRefusal(AdminRefusalReason.MissingRole, Problems.Forbidden());
    }
}
