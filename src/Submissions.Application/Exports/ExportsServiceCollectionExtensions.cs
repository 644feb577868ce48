using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Submissions.Application.Exports;

internal static class ExportsServiceCollectionExtensions
{
    /// <summary>Exports, streamed or as jobs: one source per kind, in the order the handler lists them.</summary>
    public static IServiceCollection AddExports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ExportOptions, ExportOptionsValidator>(configuration, ExportOptions.SectionName);
        services.AddSingleton<IExportSource, ConsentExport>();
        services.AddSingleton<IExportSource, DisclosureExport>();
        services.AddSingleton<MemberLinks>();
        services.AddSingleton<ExportSources>();
        services.AddSingleton<ExportsHandler>();
        services.AddSingleton<ExportJobsHandler>();
        services.AddSingleton<ExportJobRunner>();
        services.AddSingleton<ExportDayIndexing>();
        return services;
    }
}
