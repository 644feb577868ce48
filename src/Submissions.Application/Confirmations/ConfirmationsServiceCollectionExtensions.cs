using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Links;
using Submissions.Application.Mail;
using Submissions.Application.Promotions;
using Submissions.Application.Registrations;

namespace Submissions.Application.Confirmations;

internal static class ConfirmationsServiceCollectionExtensions
{
    /// <summary>Double opt-in: pending submissions, their confirmation mail, the confirm link and its endpoint.</summary>
    public static IServiceCollection AddConfirmations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ConfirmationOptions, ConfirmationOptionsValidator>(configuration, ConfirmationOptions.SectionName);
        services.AddSingleton<SignedLinks>();
        services.AddSingleton<PendingSubmissions>();
        services.AddSingleton<ConfirmationMailOwing>();
        services.AddSingleton<ConfirmationService>();
        services.AddSingleton<ConfirmationHandler>();
        services.AddSingleton<IConfirmingForm, RegistrationConfirmation>();
        services.AddSingleton<IConfirmingForm, PromotionEntryConfirmation>();
        services.AddSingleton<IOutboundMailKind, ConfirmationMailKind>();
        services.AddSingleton<OutboundMailDispatcher>();
        return services;
    }
}
