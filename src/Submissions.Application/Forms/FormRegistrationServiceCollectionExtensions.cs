using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Submissions.Application.Retention;

namespace Submissions.Application.Forms;

public static class FormRegistrationServiceCollectionExtensions
{
    /// <summary>
    /// Plugs a form in: its registration (access, erasure), its storage part (tables, index kind, idempotency purge),
    /// its exports and its retention purges. The order of calls is the order forms appear in every list.
    /// </summary>
    public static IServiceCollection AddSubmissionsForm(this IServiceCollection services, FormRegistration form)
    {
        ArgumentNullException.ThrowIfNull(form);
        services.TryAddSingleton<FormRegistry>();
        services.AddSingleton(form);
        services.AddSingleton(form.Storage);
        foreach (var export in form.Exports)
        {
            services.AddSingleton(provider => new FormExport(form.Kind, export(provider)));
        }

        foreach (var purge in form.Purges)
        {
            services.AddSingleton<IRetentionPurge>(provider => purge(provider));
        }

        return services;
    }
}
