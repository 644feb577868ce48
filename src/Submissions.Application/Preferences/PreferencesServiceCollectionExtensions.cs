using Microsoft.Extensions.DependencyInjection;

namespace Submissions.Application.Preferences;

internal static class PreferencesServiceCollectionExtensions
{
    /// <summary>The preference centre behind the link in every mail (its links are signed by SignedLinks, with confirmations).</summary>
    public static IServiceCollection AddPreferences(this IServiceCollection services)
    {
        services.AddSingleton<PreferenceCentre>();
        services.AddSingleton<PreferenceCentreHandler>();
        return services;
    }
}
