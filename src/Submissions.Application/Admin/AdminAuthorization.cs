using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Submissions.Application.Http;

namespace Submissions.Application.Admin;

/// <summary>
/// The one decision for every /api/manage/* request, on top of the function key the host checks: when
/// Admin:RequireRole is on, an App Service Authentication principal holding the admin role. The responses say what
/// is missing in general terms and never echo the header or a claim.
/// </summary>
public sealed class AdminAuthorization(IOptions<AdminOptions> options, IHostEnvironment environment, IConfiguration configuration)
{
    /// <summary>Set by App Service (and Flex Consumption) when App Service Authentication runs in front of the app.</summary>
    public const string AuthenticationEnabledSetting = "WEBSITE_AUTH_ENABLED";

    /// <summary>Null when the request may proceed; otherwise why not and the problem to answer with.</summary>
    public AdminRefusal? Authorize(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var admin = options.Value;
        if (!admin.RequireRole)
        {
            return null;
        }

        // Only App Service Authentication strips a principal header a client sent; without it, anyone holding a
        // function key could claim the role. Development (func start, tests) has no front end to check for.
        if (!environment.IsDevelopment() && !string.Equals(configuration[AuthenticationEnabledSetting], "true", StringComparison.OrdinalIgnoreCase))
        {
            return new AdminRefusal(AdminRefusalReason.AuthenticationNotEnabled, Problems.Unauthorized());
        }

        if (!AdminPrincipal.TryRead(request, out var principal, out var failure))
        {
            return new AdminRefusal(failure, Problems.Unauthorized());
        }

        if (admin.TenantId is { Length: > 0 } tenant
            && (!string.Equals(principal.AuthType, "aad", StringComparison.OrdinalIgnoreCase) || !string.Equals(principal.TenantId, tenant, StringComparison.OrdinalIgnoreCase)))
        {
            return new AdminRefusal(AdminRefusalReason.ForeignTenant, Problems.Forbidden());
        }

        return principal.IsInRole(admin.Role) ? null : new AdminRefusal(AdminRefusalReason.MissingRole, Problems.Forbidden());
    }
}
