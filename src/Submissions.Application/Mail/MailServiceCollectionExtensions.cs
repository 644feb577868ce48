using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Submissions.Application.Mail;

internal static class MailServiceCollectionExtensions
{
    /// <summary>The relay settings (validated at start-up) and the SMTP transport.</summary>
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<MailOptions, MailOptionsValidator>(configuration, MailOptions.SectionName);
        services.AddSingleton<IPostConfigureOptions<MailOptions>, MailOptionsDefaults>();
        services.AddSingleton<IMailTransport, SmtpMailTransport>();
        return services;
    }
}
