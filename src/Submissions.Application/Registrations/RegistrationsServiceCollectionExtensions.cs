using Microsoft.Extensions.DependencyInjection;

namespace Submissions.Application.Registrations;

internal static class RegistrationsServiceCollectionExtensions
{
    /// <summary>The registration form.</summary>
    public static IServiceCollection AddRegistrations(this IServiceCollection services)
    {
        services.AddSingleton<SubmitRegistrationHandler>();
        return services;
    }
}
