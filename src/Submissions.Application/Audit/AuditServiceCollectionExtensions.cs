using Microsoft.Extensions.DependencyInjection;

namespace Submissions.Application.Audit;

internal static class AuditServiceCollectionExtensions
{
    /// <summary>The audit trail of admin reads and changes.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AdminAudit>();
        services.AddSingleton<AuditReadHandler>();
        return services;
    }
}
