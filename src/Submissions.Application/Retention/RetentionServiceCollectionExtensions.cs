using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Submissions.Application.Retention;

internal static class RetentionServiceCollectionExtensions
{
    /// <summary>The daily purge of data past its retention.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RetentionOptions, RetentionOptionsValidator>(configuration, RetentionOptions.SectionName);
        services.AddSingleton<IRetentionPurge, ClientSaltPurge>();
        services.AddSingleton<IRetentionPurge, IdempotencyRecordPurge>();
        services.AddSingleton<IRetentionPurge, UnconfirmedSubmissionPurge>();
        services.AddSingleton<IRetentionPurge, ExportFilePurge>();
        services.AddSingleton<RetentionPurger>();
        services.AddSingleton<PurgeReportReadHandler>();
        return services;
    }
}
