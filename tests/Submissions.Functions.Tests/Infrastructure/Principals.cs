using System.Text;
using System.Text.Json;
using Submissions.Application.Admin;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>X-MS-CLIENT-PRINCIPAL values as App Service Authentication writes them: base64 of the principal JSON.</summary>
public static class Principals
{
    public const string AdminRole = "Submissions.Admin";

    public const string ObjectId = "6f1d2c1e-7a55-4c1b-9d3e-0b1f2a3c4d5e";

    /// <summary>A distinctive signed-in name: it must never reach a response or a log.</summary>
    public const string Name = "signed-in-admin-4711@example.test";

    public static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    public static string Header(string? roleType, params (string Type, string Value)[] claims) => Encode(JsonSerializer.Serialize(new
    {
        auth_typ = "aad",
        name_typ = "name",
        role_typ = roleType,
        claims = claims.Select(claim => new { typ = claim.Type, val = claim.Value }),
    }));

    /// <summary>An Entra sign-in with the given roles, as Easy Auth v2 spells it (role_typ "roles").</summary>
    public static string WithRoles(params string[] roles) => Header(
        "roles",
        [(AdminPrincipal.ObjectIdClaim, ObjectId), ("name", Name), .. roles.Select(role => ("roles", role))]);

    public static Dictionary<string, string> Headers(string header) => new() { [AdminPrincipal.Header] = header };
}
