using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Submissions.Application.Abuse;
using Submissions.Application.Admin;
using Submissions.Application.Audit;
using Submissions.Application.Caching;
using Submissions.Application.Comments;
using Submissions.Application.Confirmations;
using Submissions.Application.ConsentLabels;
using Submissions.Application.Cors;
using Submissions.Application.Deliveries;
using Submissions.Application.Exports;
using Submissions.Application.Forms;
using Submissions.Application.Health;
using Submissions.Application.Hosting;
using Submissions.Application.Http;
using Submissions.Application.Mail;
using Submissions.Application.Notices;
using Submissions.Application.OptOut;
using Submissions.Application.Partners;
using Submissions.Application.Polls;
using Submissions.Application.Preferences;
using Submissions.Application.Privacy;
using Submissions.Application.PrivacyRequests;
using Submissions.Application.Promotions;
using Submissions.Application.Registrations;
using Submissions.Application.Retention;
using Submissions.Application.Statistics;
using Submissions.Application.Subjects;

namespace Submissions.Application;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>
    /// Registers each feature's options (validated at start-up), handlers and processors. Expects the storage layer
    /// (<c>AddSubmissionsStorage</c>) and an <see cref="Microsoft.Extensions.Hosting.IHostEnvironment"/> from the host.
    /// </summary>
    public static IServiceCollection AddSubmissionsApplication(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);

        return services
            .AddPrivacy(configuration)
            .AddHttpLimits(configuration)
            .AddCrossOrigin(configuration)
            .AddAdmin(configuration)
            .AddAudit()
            .AddAbuse(configuration)
            .AddReadCaching(configuration)
            .AddConsentLabels(configuration)
            .AddForms()
            .AddRegistrations()
            .AddComments()
            .AddPolls()
            .AddPartners()
            .AddPromotions()
            .AddDeliveries(configuration)
            .AddNotices()
            .AddSubjects()
            .AddOptOut(configuration)
            .AddMail(configuration)
            .AddConfirmations(configuration)
            .AddPreferences()
            .AddPrivacyRequests()
            .AddStatistics(configuration)
            .AddExports(configuration)
            .AddRetention(configuration)
            .AddHealth(configuration)
            .AddStartup(configuration);
    }
}
