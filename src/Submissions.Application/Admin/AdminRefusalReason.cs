namespace Submissions.Application.Admin;

/// <summary>Why an admin request was refused: safe to log, it names no claim and no part of the header.</summary>
public enum AdminRefusalReason
{
    /// <summary>No X-MS-CLIENT-PRINCIPAL header: the caller did not sign in through App Service Authentication.</summary>
    NoPrincipal,

    /// <summary>The header is not base64 of a JSON principal object.</summary>
    MalformedPrincipal,

    /// <summary>The principal carries no claims, so it identifies nobody.</summary>
    NoClaims,

    /// <summary>A signed-in principal without the admin role.</summary>
    MissingRole,

    /// <summary>A principal from another identity provider or Entra tenant than the one configured.</summary>
    ForeignTenant,

    /// <summary>
    /// Outside Development, App Service Authentication is not enabled in front of the app (WEBSITE_AUTH_ENABLED), so a
    /// principal header could have been sent by anyone holding a function key: no principal is trusted.
    /// </summary>
    AuthenticationNotEnabled,
}
