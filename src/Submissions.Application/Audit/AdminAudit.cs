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
        var reference = subject is { } key ? references.For(key) : null;
        return log.AppendAsync(new AuditRecord(ActorFor(request), action, scope, reference, count, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>
    /// A record on behalf of an actor named earlier by <see cref="ActorFor"/>: work an admin request started that runs
    /// later without the request (an export job).
    /// </summary>
    public Task RecordAsync(string actor, string action, string? scope, int count, CancellationToken cancellationToken) =>
        log.AppendAsync(new AuditRecord(actor, action, scope, null, count, time.GetUtcNow()), cancellationToken);

    /// <summary>Who the audit log says acts in this request.</summary>
    public string ActorFor(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        // A principal names the actor only where the admin check verified it; otherwise the key is all that is known.
        return admin.Value.RequireRole ? ActorOf(request) : FunctionKeyActor;
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
