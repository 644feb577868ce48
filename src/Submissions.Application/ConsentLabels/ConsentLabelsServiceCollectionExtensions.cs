using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Hosting;

namespace Submissions.Application.ConsentLabels;

internal static class ConsentLabelsServiceCollectionExtensions
{
    /// <summary>The cached consent label catalog and its endpoints.</summary>
    public static IServiceCollection AddConsentLabels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ConsentCatalogOptions, ConsentCatalogOptionsValidator>(configuration, ConsentCatalogOptions.SectionName);
        services.AddSingleton<ConsentLabelCatalog>();
        services.AddSingleton<GetConsentLabelsHandler>();
        services.AddSingleton<PutConsentLabelHandler>();
        services.AddSingleton<ConsentLabelReadHandler>();
        services.AddSingleton<IDemoSeed, DemoConsentLabelSeed>();
        return services;
    }
}
