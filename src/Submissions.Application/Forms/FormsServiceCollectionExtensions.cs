using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Http;
using Submissions.Domain.Registrations;

namespace Submissions.Application.Forms;

internal static class FormsServiceCollectionExtensions
{
    /// <summary>What every form shares: the gate and the domain's request validators.</summary>
    public static IServiceCollection AddForms(this IServiceCollection services)
    {
        services.AddSingleton<FormStorageGuard>();
        services.AddSingleton<FormSubmissionPipeline>();
        services.AddValidatorsFromAssemblyContaining<RegistrationValidator>(ServiceLifetime.Singleton);
        return services;
    }
}
