using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Submissions.Application.Statistics;

internal static class StatisticsServiceCollectionExtensions
{
    /// <summary>Aggregate statistics with small-count suppression.</summary>
    public static IServiceCollection AddStatistics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StatisticsOptions, StatisticsOptionsValidator>(configuration, StatisticsOptions.SectionName);
        services.AddSingleton<StatisticsHandler>();
        services.AddSingleton<StatisticsRollUp>();
        return services;
    }
}
