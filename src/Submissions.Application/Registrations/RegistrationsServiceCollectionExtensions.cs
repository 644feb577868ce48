using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Forms;

namespace Submissions.Application.Registrations;

internal static class RegistrationsServiceCollectionExtensions
{
    /// <summary>The registration form.</summary>
    public static IServiceCollection AddRegistrations(this IServiceCollection services)
    {
        services.AddSingleton<SubmitRegistrationHandler>();
        // Its place among the forms is its place in every list: access bundle, erasure report, export kinds.
        return services.AddSubmissionsForm(RegistrationForm.Registration);
    }
}
