using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Submissions.Application.Privacy;

internal static class PrivacyServiceCollectionExtensions
{
    /// <summary>The pepper options and the keyed hashers built from them.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PrivacyOptions, PrivacyOptionsValidator>(configuration, PrivacyOptions.SectionName);
        services.AddSingleton(serviceProvider => PepperHashers.SubjectKeys(serviceProvider.GetRequiredService<IOptions<PrivacyOptions>>()));
        services.AddSingleton(serviceProvider => PepperHashers.DailyClients(serviceProvider.GetRequiredService<IOptions<PrivacyOptions>>()));
        services.AddSingleton(serviceProvider => PepperHashers.VoterKeys(serviceProvider.GetRequiredService<IOptions<PrivacyOptions>>()));
        services.AddSingleton(serviceProvider => PepperHashers.PayloadFingerprints(serviceProvider.GetRequiredService<IOptions<PrivacyOptions>>()));
        services.AddSingleton(serviceProvider => PepperHashers.AuditReferences(serviceProvider.GetRequiredService<IOptions<PrivacyOptions>>()));
        services.AddSingleton(serviceProvider => PepperHashers.OptOutTokens(serviceProvider.GetRequiredService<IOptions<PrivacyOptions>>()));
        services.AddSingleton(serviceProvider => PepperHashers.LinkTokens(serviceProvider.GetRequiredService<IOptions<PrivacyOptions>>()));
        services.AddSingleton(serviceProvider => PepperHashers.IdempotencyFingerprints(serviceProvider.GetRequiredService<IOptions<PrivacyOptions>>()));
        return services;
    }
}
