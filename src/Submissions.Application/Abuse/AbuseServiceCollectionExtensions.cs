using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Submissions.Application.Abuse;

internal static class AbuseServiceCollectionExtensions
{
    /// <summary>Rate limiting per client, keyed by the day's client salts.</summary>
    public static IServiceCollection AddAbuse(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidator>(configuration, RateLimitOptions.SectionName);
        services.AddSingleton<ClientDaySalts>();
        services.AddSingleton<SubmissionRateLimiter>();
        return services;
    }
}
