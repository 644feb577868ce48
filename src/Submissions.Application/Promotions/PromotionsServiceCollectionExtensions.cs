using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Forms;
using Submissions.Application.Hosting;

namespace Submissions.Application.Promotions;

internal static class PromotionsServiceCollectionExtensions
{
    /// <summary>The promotion entry form and promotion definitions.</summary>
    public static IServiceCollection AddPromotions(this IServiceCollection services)
    {
        services.AddSingleton<PromotionDefinitions>();
        services.AddSingleton<EnterPromotionHandler>();
        services.AddSingleton<GetPromotionHandler>();
        services.AddSingleton<PutPromotionHandler>();
        services.AddSingleton<PromotionReadHandler>();
        services.AddSingleton<IDemoSeed, DemoPromotionSeed>();
        // Its place among the forms is its place in every list: access bundle, erasure report, export kinds.
        return services.AddSubmissionsForm(PromotionEntryForm.Registration);
    }
}
