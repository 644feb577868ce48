namespace Submissions.Application.Admin;

/// <summary>Bound from "Admin": who may call the /api/manage/* functions besides holding a function key.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>
    /// On by default, so a deployment that forgets the setting is closed rather than open: a leaked function key alone
    /// must not reach personal data. Local runs without App Service Authentication set it to false.
    /// </summary>
    public bool RequireRole { get; set; } = true;

    /// <summary>The Entra app role an admin's App Service Authentication principal must hold.</summary>
    public string Role { get; set; } = "Submissions.Admin";

    /// <summary>
    /// The Entra tenant admins sign in from. When set, a principal must come from Entra ID ("aad") and this tenant, so
    /// an app registration opened to other tenants cannot admit their admins, whatever roles they give themselves.
    /// </summary>
    public string? TenantId { get; set; }
}
