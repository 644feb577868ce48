using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Mail;
using Submissions.Application.Retention;

namespace Submissions.Application.PrivacyRequests;

internal static class PrivacyRequestsServiceCollectionExtensions
{
    /// <summary>Self-service access and erasure: the request, its mails (kind <c>privacy-request</c>), its links, the admin list and the purge.</summary>
    public static IServiceCollection AddPrivacyRequests(this IServiceCollection services)
    {
        services.AddSingleton<PrivacyRequestAudit>();
        services.AddSingleton<PrivacyRequestService>();
        services.AddSingleton<SubmitPrivacyRequestHandler>();
        services.AddSingleton<PrivacyRequestLinkHandler>();
        services.AddSingleton<PrivacyRequestsAdminHandler>();
        services.AddSingleton<IOutboundMailKind, PrivacyRequestMailKind>();
        services.AddSingleton<IRetentionPurge, PrivacyRequestPurge>();
        return services;
    }
}
