using Microsoft.Extensions.DependencyInjection;

namespace Submissions.Application.Subjects;

internal static class SubjectsServiceCollectionExtensions
{
    /// <summary>Subject requests: access, erasure, consent withdrawal and the notices they send.</summary>
    public static IServiceCollection AddSubjects(this IServiceCollection services)
    {
        services.AddSingleton<SubjectNotices>();
        services.AddSingleton<ConsentWithdrawal>();
        services.AddSingleton<SubjectAccess>();
        services.AddSingleton<SubjectErasure>();
        services.AddSingleton<SubjectsAdminHandler>();
        services.AddSingleton<SubjectLinksHandler>();
        return services;
    }
}
