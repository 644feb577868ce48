using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Submissions.Application.Admin;
using Submissions.Application.Audit;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Application.Tests.Admin;

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
        var authorization = Authorization(new AdminOptions());

        var missing = authorization.Authorize(Request(null));
        var malformed = authorization.Authorize(Request("not base64!"));
        var notAdmin = authorization.Authorize(Request(Principals.WithRoles("Other")));
        var admin = authorization.Authorize(Request(Principals.WithRoles(Principals.AdminRole)));
        var notRequired = Authorization(new AdminOptions { RequireRole = false }).Authorize(Request(null));

        Assert.Equal((AdminRefusalReason.NoPrincipal, 401), (missing!.Reason, missing.Response.StatusCode));
        Assert.Equal((AdminRefusalReason.MalformedPrincipal, 401), (malformed!.Reason, malformed.Response.StatusCode));
        Assert.Equal((AdminRefusalReason.MissingRole, 403), (notAdmin!.Reason, notAdmin.Response.StatusCode));
        Assert.Null(admin);
        Assert.Null(notRequired);
    }

    [Fact]
    public void Outside_development_no_principal_is_trusted_unless_app_service_authentication_is_enabled()
    {
        var admin = Request(Principals.WithRoles(Principals.AdminRole));

        var notEnabled = Authorization(new AdminOptions(), "Production").Authorize(admin);
        var enabled = Authorization(new AdminOptions(), "Production", authenticationEnabled: "True").Authorize(admin);

        Assert.Equal((AdminRefusalReason.AuthenticationNotEnabled, 401), (notEnabled!.Reason, notEnabled.Response.StatusCode));
        Assert.Null(enabled);
    }

    [Fact]
    public void With_a_tenant_configured_only_entra_principals_of_that_tenant_are_admitted()
    {
        const string tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        var options = new AdminOptions { TenantId = tenant };
        var ours = Principals.Header("roles", (AdminPrincipal.TenantIdClaim, tenant), ("roles", Principals.AdminRole));
        var theirs = Principals.Header("roles", (AdminPrincipal.TenantIdClaim, Guid.NewGuid().ToString()), ("roles", Principals.AdminRole));
        var untenanted = Principals.WithRoles(Principals.AdminRole);

        Assert.Null(Authorization(options).Authorize(Request(ours)));
        Assert.Equal((AdminRefusalReason.ForeignTenant, 403), (Authorization(options).Authorize(Request(theirs))!.Reason, 403));
        Assert.Equal(AdminRefusalReason.ForeignTenant, Authorization(options).Authorize(Request(untenanted))!.Reason);
    }

    private static AdminAuthorization Authorization(AdminOptions options, string environment = "Development", string? authenticationEnabled = null) =>
        new(
            Options.Create(options),
            new StubHostEnvironment(environment),
            new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { [AdminAuthorization.AuthenticationEnabledSetting] = authenticationEnabled })
                .Build());

    private sealed class StubHostEnvironment(string name) : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Submissions.Functions";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
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
