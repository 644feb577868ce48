using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Submissions.Application.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>
    /// One in-memory <see cref="HybridCache"/> per instance for the public reads many visitors share. Its stampede
    /// protection makes concurrent misses of one key share a single load, so storage sees at most one read per key per
    /// instance per period whatever the traffic. No distributed tier: each entry is small and cheap to reload.
    /// </summary>
    public static IServiceCollection AddReadCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReadCacheOptions>().Bind(configuration.GetSection(ReadCacheOptions.SectionName))
            .Validate(options => options.PollResultsSeconds >= 0 && options.CommentListingSeconds >= 0 && options.PromotionSeconds >= 0,
                "The app settings ReadCache__PollResultsSeconds, ReadCache__CommentListingSeconds and ReadCache__PromotionSeconds must be zero or more (seconds; 0 turns that cache off).")
            .ValidateOnStart();
        services.AddHybridCache(options =>
        {
            // Entries are built from storage rows and hold no personal data beyond what the public read answers.
            options.MaximumPayloadBytes = 1024 * 1024;
        });
        return services;
    }
}
