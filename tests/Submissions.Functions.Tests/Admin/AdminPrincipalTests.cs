using System.Security.Claims;
using Microsoft.Extensions.Options;
using Submissions.Application.Admin;
using Submissions.Application.Audit;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Admin;

/// <summary>The principal header and the admin decision without a host: parsing, roles, refusals and the audit actor.</summary>
public sealed class AdminPrincipalTests
{
    [Fact]
    public void Roles_are_read_from_role_typ_and_from_the_standard_role_claim_types()
    {
        Assert.True(Parse(Principals.Header("grp", ("grp", "Submissions.Admin"))).IsInRole("Submissions.Admin"));
        Assert.True(Parse(Principals.Header(null, ("roles", "Submissions.Admin"))).IsInRole("Submissions.Admin"));
        Assert.True(Parse(Principals.Header(null, (ClaimTypes.Role, "Submissions.Admin"))).IsInRole("Submissions.Admin"));
        Assert.True(Parse(Principals.Header(null, ("ROLES", "Submissions.Admin"))).IsInRole("Submissions.Admin"));
        Assert.False(Parse(Principals.Header("roles", ("name", "Submissions.Admin"))).IsInRole("Submissions.Admin"));
        Assert.False(Parse(Principals.Header("roles", ("roles", "submissions.admin"))).IsInRole("Submissions.Admin"));
    }

    [Fact]
    public void A_missing_header_unreadable_header_and_empty_principal_each_have_their_reason()
    {
        Assert.Equal(AdminRefusalReason.NoPrincipal, FailureOf(null));
        Assert.Equal(AdminRefusalReason.NoPrincipal, FailureOf("  "));
        Assert.Equal(AdminRefusalReason.MalformedPrincipal, FailureOf("%%%"));
        Assert.Equal(AdminRefusalReason.MalformedPrincipal, FailureOf(Principals.Encode("{\"claims\":")));
        Assert.Equal(AdminRefusalReason.MalformedPrincipal, FailureOf(Principals.Encode("\"claims\"")));
        Assert.Equal(AdminRefusalReason.MalformedPrincipal, FailureOf(new string('A', 70_000)));
        Assert.Equal(AdminRefusalReason.NoClaims, FailureOf(Principals.Encode("{}")));
        Assert.Equal(AdminRefusalReason.NoClaims, FailureOf(Principals.Header("roles")));
    }

    [Fact]
    public void The_decision_is_401_without_a_readable_principal_403_without_the_role_and_null_when_allowed()
    {
        var authorization = new AdminAuthorization(Options.Create(new AdminOptions()));

        var missing = authorization.Authorize(Request(null));
        var malformed = authorization.Authorize(Request("not base64!"));
        var notAdmin = authorization.Authorize(Request(Principals.WithRoles("Other")));
        var admin = authorization.Authorize(Request(Principals.WithRoles(Principals.AdminRole)));
        var notRequired = new AdminAuthorization(Options.Create(new AdminOptions { RequireRole = false })).Authorize(Request(null));

        Assert.Equal((AdminRefusalReason.NoPrincipal, 401), (missing!.Reason, missing.Response.StatusCode));
        Assert.Equal((AdminRefusalReason.MalformedPrincipal, 401), (malformed!.Reason, malformed.Response.StatusCode));
        Assert.Equal((AdminRefusalReason.MissingRole, 403), (notAdmin!.Reason, notAdmin.Response.StatusCode));
        Assert.Null(admin);
        Assert.Null(notRequired);
    }

    [Fact]
    public void The_audit_actor_is_the_object_id_else_the_name_identifier_else_a_principal_id_guid_else_the_function_key()
    {
        const string headerId = "0d3b5a7e-1111-4c2d-8e9f-222233334444";
        var withObjectId = Principals.Header("roles", (AdminPrincipal.ObjectIdClaim, Principals.ObjectId), (ClaimTypes.NameIdentifier, "name-id"));
        var withNameId = Principals.Header("roles", (ClaimTypes.NameIdentifier, "name-id"), ("roles", Principals.AdminRole));
        var anonymousClaims = Principals.Header("roles", ("roles", Principals.AdminRole));
        var oversizedId = Principals.Header("roles", (AdminPrincipal.ObjectIdClaim, new string('x', 200)));

        Assert.Equal(Principals.ObjectId, AdminAudit.ActorOf(Request(withObjectId, headerId)));
        Assert.Equal("name-id", AdminAudit.ActorOf(Request(withNameId, headerId)));
        Assert.Equal(headerId, AdminAudit.ActorOf(Request(anonymousClaims, headerId)));
        Assert.Equal(headerId, AdminAudit.ActorOf(Request("not base64!", headerId)));
        Assert.Equal(AdminAudit.FunctionKeyActor, AdminAudit.ActorOf(Request(oversizedId)));
        Assert.Equal(AdminAudit.FunctionKeyActor, AdminAudit.ActorOf(Request(null, "not a guid")));
        Assert.Equal(AdminAudit.FunctionKeyActor, AdminAudit.ActorOf(Request(null)));
    }

    private static AdminPrincipal Parse(string header)
    {
        Assert.True(AdminPrincipal.TryParse(header, out var principal, out _));
        return principal;
    }

    private static AdminRefusalReason FailureOf(string? header)
    {
        Assert.False(AdminPrincipal.TryParse(header, out _, out var failure));
        return failure;
    }

    private static Microsoft.AspNetCore.Http.HttpRequest Request(string? principal, string? principalId = null)
    {
        var headers = new Dictionary<string, string>();
        if (principal is not null)
        {
            headers[AdminPrincipal.Header] = principal;
        }

        if (principalId is not null)
        {
            headers[AdminAudit.PrincipalIdHeader] = principalId;
        }

        return HttpExchange.Request("GET", "/api/manage/comments", contentType: null, headers: headers);
    }
}
