using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Submissions.Application.Admin;

internal static class AdminServiceCollectionExtensions
{
    /// <summary>The admin options and the authorization every manage route passes.</summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AdminOptions, AdminOptionsValidator>(configuration, AdminOptions.SectionName);
        services.AddSingleton<AdminAuthorization>();
        return services;
    }
}
