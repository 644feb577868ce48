using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Submissions.Application.Admin;

/// <summary>
/// The App Service Authentication principal of a request: header X-MS-CLIENT-PRINCIPAL, base64 of
/// <c>{ auth_typ, name_typ, role_typ, claims: [{ typ, val }] }</c>. App Service sets it after signing the caller in and
/// strips any copy a client sends, so it is trusted only where authentication runs in front of the app.
/// </summary>
public sealed class AdminPrincipal
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    public const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    public const string TenantIdClaim = "http://schemas.microsoft.com/identity/claims/tenantid";

    /// <summary>Role claim types accepted besides the principal's own role_typ: Entra's short and long spellings.</summary>
    private static readonly string[] RoleClaimTypes = ["roles", ClaimTypes.Role];

    /// <summary>Far above any real principal (a few KB), low enough that a hostile header costs nothing to refuse.</summary>
    private const int MaxHeaderLength = 64 * 1024;

    /// <summary>An actor id longer than this, or with control characters, is not recorded in the audit log.</summary>
    private const int MaxActorLength = 128;

    private readonly IReadOnlyList<KeyValuePair<string, string>> claims;
    private readonly string? roleType;

    private AdminPrincipal(IReadOnlyList<KeyValuePair<string, string>> claims, string? roleType, string? authType)
    {
        this.claims = claims;
        this.roleType = roleType;
        AuthType = authType;
    }

    /// <summary>The identity provider App Service Authentication signed the caller in with ("aad" for Entra ID).</summary>
    public string? AuthType { get; }

    /// <summary>The Entra tenant the principal comes from, when the provider says.</summary>
    public string? TenantId => ValueOf(TenantIdClaim) ?? ValueOf("tid");

    /// <summary>Who acts, for the audit log: the Entra object id, else the name identifier; null when neither is usable.</summary>
    public string? ActorId => Usable(ValueOf(ObjectIdClaim)) ?? Usable(ValueOf(ClaimTypes.NameIdentifier));

    /// <summary>Role values compare exactly (as ClaimsPrincipal.IsInRole does); claim types ignore case.</summary>
    public bool IsInRole(string role) => claims.Any(claim =>
        string.Equals(claim.Value, role, StringComparison.Ordinal)
        && ((roleType is not null && string.Equals(claim.Key, roleType, StringComparison.OrdinalIgnoreCase))
            || RoleClaimTypes.Contains(claim.Key, StringComparer.OrdinalIgnoreCase)));

    /// <summary>Reads the request's principal; false with the reason when it is missing or unreadable.</summary>
    public static bool TryRead(HttpRequest request, [NotNullWhen(true)] out AdminPrincipal? principal, out AdminRefusalReason failure)
    {
        ArgumentNullException.ThrowIfNull(request);
        return TryParse(request.Headers[Header].ToString(), out principal, out failure);
    }

    public static bool TryParse(string? header, [NotNullWhen(true)] out AdminPrincipal? principal, out AdminRefusalReason failure)
    {
        principal = null;
        if (string.IsNullOrWhiteSpace(header))
        {
            failure = AdminRefusalReason.NoPrincipal;
            return false;
        }

        failure = AdminRefusalReason.MalformedPrincipal;
        if (header.Length > MaxHeaderLength || Decode(header.Trim()) is not { } json)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var found = ReadClaims(root);
            if (found.Count == 0)
            {
                failure = AdminRefusalReason.NoClaims;
                return false;
            }

            var roleType = root.TryGetProperty("role_typ", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
            var authType = root.TryGetProperty("auth_typ", out var auth) && auth.ValueKind == JsonValueKind.String ? auth.GetString() : null;
            principal = new AdminPrincipal(found, string.IsNullOrEmpty(roleType) ? null : roleType, authType);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Claims that are not a string typ and val pair are skipped: they can grant nothing.</summary>
    private static List<KeyValuePair<string, string>> ReadClaims(JsonElement root)
    {
        if (!root.TryGetProperty("claims", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. array.EnumerateArray()
            .Where(claim => claim.ValueKind == JsonValueKind.Object
                && claim.TryGetProperty("typ", out var typ) && typ.ValueKind == JsonValueKind.String
                && claim.TryGetProperty("val", out var val) && val.ValueKind == JsonValueKind.String)
            .Select(claim => KeyValuePair.Create(claim.GetProperty("typ").GetString()!, claim.GetProperty("val").GetString()!))];
    }

    private static byte[]? Decode(string base64)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(base64.Length);
        try
        {
            return Convert.TryFromBase64String(base64, buffer, out var written) ? buffer[..written] : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    private string? ValueOf(string type) =>
        claims.FirstOrDefault(claim => string.Equals(claim.Key, type, StringComparison.OrdinalIgnoreCase)).Value;

    private static string? Usable(string? value) =>
        value is { Length: > 0 and <= MaxActorLength } && !value.Any(char.IsControl) ? value : null;
}
