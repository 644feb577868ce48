using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Hosting;

namespace Submissions.Application.Partners;

internal static class PartnersServiceCollectionExtensions
{
    /// <summary>Partner definitions.</summary>
    public static IServiceCollection AddPartners(this IServiceCollection services)
    {
        services.AddSingleton<PutPartnerHandler>();
        services.AddSingleton<PartnerReadHandler>();
        services.AddSingleton<IDemoSeed, DemoPartnerSeed>();
        return services;
    }
}
