using Microsoft.Extensions.Options;

namespace Submissions.Application.Admin;

/// <summary>A required role must be named, and a tenant pinned by its id: otherwise the admin check would compare against nothing.</summary>
public sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.RequireRole && string.IsNullOrWhiteSpace(options.Role))
        {
            failures.Add("Admin:Role must name the admin app role when Admin:RequireRole is on.");
        }

        if (!string.IsNullOrEmpty(options.TenantId) && !Guid.TryParse(options.TenantId, out _))
        {
            failures.Add("Admin:TenantId, when set, must be an Entra tenant id (a GUID).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
