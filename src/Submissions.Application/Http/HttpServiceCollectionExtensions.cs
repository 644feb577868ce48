using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Submissions.Application.Http;

internal static class HttpServiceCollectionExtensions
{
    /// <summary>The request limits every form and admin endpoint reads (body sizes, Retry-After).</summary>
    public static IServiceCollection AddHttpLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<FormOptions, FormOptionsValidator>(configuration, FormOptions.SectionName);
        return services;
    }
}
