using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Submissions.Application.Admin;
using Submissions.Domain.Privacy;
using Submissions.Storage.Audit;

namespace Submissions.Application.Audit;

/// <summary>
/// Records every admin read of personal data before the data is returned: if the record cannot be written, the read
/// fails (the caller maps the storage error to 503), so nothing is ever shown unaudited.
/// </summary>
public sealed class AdminAudit(AuditLog log, AuditReferenceHasher references, IOptions<AdminOptions> admin, TimeProvider time)
{
    /// <summary>Set by App Service Authentication in front of the app; the host strips it from client requests.</summary>
    public const string PrincipalIdHeader = "X-MS-CLIENT-PRINCIPAL-ID";

    public const string FunctionKeyActor = "function-key";

    public Task RecordAsync(HttpRequest request, string action, string? scope, SubjectKey? subject, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reference = subject is { } key ? references.For(key) : null;

        // A principal names the actor only where the admin check verified it; otherwise the key is all that is known.
        var actor = admin.Value.RequireRole ? ActorOf(request) : FunctionKeyActor;
        return log.AppendAsync(new AuditRecord(actor, action, scope, reference, count, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>
    /// The signed-in admin by their principal's object id or name identifier; else the bare principal-id header when it
    /// is an Entra object id (a GUID); else the function key, the only credential left.
    /// </summary>
    public static string ActorOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (AdminPrincipal.TryRead(request, out var principal, out _) && principal.ActorId is { } actor)
        {
            return actor;
        }

        var principalId = request.Headers[PrincipalIdHeader].ToString();
        return Guid.TryParse(principalId, out _) ? principalId : FunctionKeyActor;
    }
}
