using Microsoft.Extensions.DependencyInjection;

namespace Submissions.Application.Notices;

internal static class NoticesServiceCollectionExtensions
{
    /// <summary>Withdrawal and erasure notices to partners.</summary>
    public static IServiceCollection AddNotices(this IServiceCollection services)
    {
        services.AddSingleton<PartnerNoticeProcessor>();
        return services;
    }
}
