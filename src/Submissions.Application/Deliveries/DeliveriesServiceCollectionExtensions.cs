using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Submissions.Application.Deliveries;

internal static class DeliveriesServiceCollectionExtensions
{
    /// <summary>Delivery to partners: the policy, the signed webhook client, the queue processor and the admin view.</summary>
    public static IServiceCollection AddDeliveries(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DeliveryOptions, DeliveryOptionsValidator>(configuration, DeliveryOptions.SectionName);
        services.AddSingleton<DeliveryPolicy>();
        services.AddPartnerWebhookClient();
        services.AddSingleton<SignedWebhookSender>();
        // Parsed once, from options the validator has passed.
        services.AddSingleton(provider => RetrySchedule.Parse(provider.GetRequiredService<IOptions<DeliveryOptions>>().Value.RetrySchedule));
        services.AddSingleton<PartnerBreaker>();
        services.AddSingleton<PartnerRetries>();
        services.AddSingleton<PartnerDeliveryProcessor>();
        services.AddSingleton<DeliveriesAdminHandler>();
        services.AddSingleton<PartnerOperationsHandler>();
        return services;
    }
}
