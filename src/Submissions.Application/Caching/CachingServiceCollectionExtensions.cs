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
            .Validate(options => options.PollResultsSeconds >= 0, "The app setting ReadCache__PollResultsSeconds must be zero or more.")
            .Validate(options => options.PollDefinitionSeconds >= 0, "The app setting ReadCache__PollDefinitionSeconds must be zero or more.")
            .Validate(options => options.PollTotalsSeconds >= 0, "The app setting ReadCache__PollTotalsSeconds must be zero or more.")
            .Validate(options => options.PollRecountWaitMilliseconds is >= 0 and <= 60000, "The app setting ReadCache__PollRecountWaitMilliseconds must be 0 to 60000.")
            .Validate(options => options.CommentListingSeconds >= 0, "The app setting ReadCache__CommentListingSeconds must be zero or more.")
            .Validate(options => options.PromotionSeconds >= 0, "The app setting ReadCache__PromotionSeconds must be zero or more.")
            .Validate(options => options.PartnerSeconds >= 0, "The app setting ReadCache__PartnerSeconds must be zero or more.")
            .ValidateOnStart();
        services.AddHybridCache(options =>
        {
            // Entries are built from storage rows and hold no personal data beyond what the public read answers.
            options.MaximumPayloadBytes = 1024 * 1024;
        });
        services.AddSingleton<ReadThroughCache>();
        return services;
    }
}
