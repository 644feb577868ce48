using Microsoft.AspNetCore.Http;
using Submissions.Domain.Privacy;
using Submissions.Storage.Audit;

namespace Submissions.Application.Audit;

/// <summary>
/// Records every admin read of personal data before the data is returned: if the record cannot be written, the read
/// fails (the caller maps the storage error to 503), so nothing is ever shown unaudited.
/// </summary>
public sealed class AdminAudit(AuditLog log, AuditReferenceHasher references, TimeProvider time)
{
    /// <summary>Set by App Service Authentication in front of the app; the host strips it from client requests.</summary>
    public const string PrincipalIdHeader = "X-MS-CLIENT-PRINCIPAL-ID";

    public const string FunctionKeyActor = "function-key";

    public Task RecordAsync(HttpRequest request, string action, string? scope, SubjectKey? subject, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var principal = request.Headers[PrincipalIdHeader].ToString();
        var actor = IsPrincipalId(principal) ? principal : FunctionKeyActor;
        var reference = subject is { } key ? references.For(key) : null;
        return log.AppendAsync(AuditEntity.Create(actor, action, scope, reference, count, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>An Entra object id is a GUID; anything else is not recorded as an actor.</summary>
    private static bool IsPrincipalId(string value) => Guid.TryParse(value, out _);
}
