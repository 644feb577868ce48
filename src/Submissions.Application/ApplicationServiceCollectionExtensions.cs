using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Submissions.Application.Abuse;
using Submissions.Application.Admin;
using Submissions.Application.Audit;
using Submissions.Application.Comments;
using Submissions.Application.ConsentLabels;
using Submissions.Application.Deliveries;
using Submissions.Application.Exports;
using Submissions.Application.Forms;
using Submissions.Application.Health;
using Submissions.Application.Hosting;
using Submissions.Application.Http;
using Submissions.Application.Notices;
using Submissions.Application.OptOut;
using Submissions.Application.Partners;
using Submissions.Application.Polls;
using Submissions.Application.Privacy;
using Submissions.Application.Promotions;
using Submissions.Application.Registrations;
using Submissions.Application.Retention;
using Submissions.Application.Statistics;
using Submissions.Application.Subjects;
using Submissions.Domain.Registrations;
using Submissions.Storage;
using Submissions.Storage.Audit;
using Submissions.Storage.ClientSalts;
using Submissions.Storage.Comments;
using Submissions.Storage.ConsentLabels;
using Submissions.Storage.Deliveries;
using Submissions.Storage.Exports;
using Submissions.Storage.Notices;
using Submissions.Storage.Partners;
using Submissions.Storage.Polls;
using Submissions.Storage.Promotions;
using Submissions.Storage.Queues;
using Submissions.Storage.Retention;
using Submissions.Storage.Statistics;
using Submissions.Storage.Subjects;

namespace Submissions.Application;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>
    /// Registers options, stores and handlers. Expects a <see cref="Azure.Data.Tables.TableServiceClient"/> and a
    /// <see cref="Azure.Storage.Queues.QueueServiceClient"/> (Base64 messages) from the host's Azure client registration,
    /// and an <see cref="Microsoft.Extensions.Hosting.IHostEnvironment"/>.
    /// </summary>
    public static IServiceCollection AddSubmissionsApplication(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>();
        // Every options class is validated at start-up against what its consumers accept (a value that does not
        // convert fails there too): a bad setting stops the app, not every request or delivery later.
        services.AddOptions<FormOptions>().Bind(configuration.GetSection(FormOptions.SectionName))
            .Validate(options => options.MaxBodyBytes is > 0 and <= 1024 * 1024, "Forms:MaxBodyBytes must be between 1 byte and 1 MiB.")
            .Validate(options => options.MaxAdminBodyBytes is > 0 and <= 1024 * 1024, "Forms:MaxAdminBodyBytes must be between 1 byte and 1 MiB.")
            .Validate(options => options.RetryAfterSeconds is >= 1 and <= 3600, "Forms:RetryAfterSeconds must be between 1 and 3600.")
            .ValidateOnStart();
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.SectionName))
            .Validate(options => !options.RequireRole || !string.IsNullOrWhiteSpace(options.Role), "Admin:Role must name the admin app role when Admin:RequireRole is on.")
            .Validate(options => string.IsNullOrEmpty(options.TenantId) || Guid.TryParse(options.TenantId, out _), "Admin:TenantId, when set, must be an Entra tenant id (a GUID).")
            .ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddOptions<ConsentCatalogOptions>().Bind(configuration.GetSection(ConsentCatalogOptions.SectionName))
            .Validate(options => options.CacheSeconds is >= 0 and <= 3600, "ConsentCatalog:CacheSeconds must be between 0 and 3600.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConsentCatalogOptions>, ConsentCatalogOptionsValidator>();
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.SectionName))
            .Validate(options => options.TimeoutSeconds is >= 0.1 and <= 60, "Health:TimeoutSeconds must be between 0.1 and 60.")
            .ValidateOnStart();
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName)).ValidateOnStart();
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>();
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName))
            .Validate(options => options is { PermitsPerWindow: > 0, WindowSeconds: > 0 }, "RateLimits:PermitsPerWindow and RateLimits:WindowSeconds must be positive.")
            .Validate(options => string.IsNullOrEmpty(options.FrontDoorId) || Guid.TryParse(options.FrontDoorId, out _), "RateLimits:FrontDoorId must be the Front Door profile's ID (a GUID), or empty.")
            .ValidateOnStart();
        services.AddOptions<OptOutOptions>().Bind(configuration.GetSection(OptOutOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OptOutOptions>, OptOutOptionsValidator>();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName))
            .Validate(options => options is { UnmoderatedCommentDays: > 0, PromotionEntryGraceDays: > 0, IdempotencyHours: > 0 }, "Retention:UnmoderatedCommentDays, Retention:PromotionEntryGraceDays and Retention:IdempotencyHours must be positive.")
            .ValidateOnStart();
        services.AddOptions<StatisticsOptions>().Bind(configuration.GetSection(StatisticsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StatisticsOptions>, StatisticsOptionsValidator>();
        services.AddOptions<ExportOptions>().Bind(configuration.GetSection(ExportOptions.SectionName))
            .Validate(options => options is { MaxRangeDays: > 0, LookupConcurrency: > 0 and <= 64 }, "Exports:MaxRangeDays must be positive, Exports:LookupConcurrency 1 to 64.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(serviceProvider => PepperHashers.SubjectKeys(serviceProvider.GetRequiredService<IOptions<PrivacyOptions>>()));
        services.AddSingleton(serviceProvider => PepperHashers.DailyClients(serviceProvider.GetRequiredService<IOptions<PrivacyOptions>>()));
        services.AddSingleton(serviceProvider => PepperHashers.VoterKeys(serviceProvider.GetRequiredService<IOptions<PrivacyOptions>>()));
        services.AddSingleton(serviceProvider => PepperHashers.PayloadFingerprints(serviceProvider.GetRequiredService<IOptions<PrivacyOptions>>()));
        services.AddSingleton(serviceProvider => PepperHashers.AuditReferences(serviceProvider.GetRequiredService<IOptions<PrivacyOptions>>()));
        services.AddSingleton(serviceProvider => PepperHashers.OptOutTokens(serviceProvider.GetRequiredService<IOptions<PrivacyOptions>>()));
        services.AddSingleton(serviceProvider => PepperHashers.IdempotencyFingerprints(serviceProvider.GetRequiredService<IOptions<PrivacyOptions>>()));
        services.AddValidatorsFromAssemblyContaining<RegistrationValidator>(ServiceLifetime.Singleton);

        services.AddSingleton<SubmissionsTables>();
        services.AddSingleton<ConsentLabelStore>();
        services.AddSingleton<RegistrationStore>();
        services.AddSingleton<CommentStore>();
        services.AddSingleton<PollStore>();
        services.AddSingleton<PartnerStore>();
        services.AddSingleton<PromotionStore>();
        services.AddSingleton<SubmissionsQueues>();
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton<SubjectIndex>();
        services.AddSingleton<SubjectRecordsStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AdminAuthorization>();
        services.AddSingleton<AdminAudit>();
        services.AddSingleton<SubjectNotices>();
        services.AddSingleton<ConsentWithdrawal>();
        services.AddSingleton<SubjectAccess>();
        services.AddSingleton<SubjectErasure>();
        services.AddSingleton<SubjectsAdminHandler>();
        services.AddSingleton<NoticeStore>();
        services.AddSingleton<ConsentLabelCatalog>();
        services.AddSingleton<SubmissionRateLimiter>();
        services.AddSingleton<FormGate>();

        services.AddSingleton<ConsentLabelsHandler>();
        services.AddSingleton<RegistrationHandler>();
        services.AddSingleton<CommentsHandler>();
        services.AddSingleton<PollsHandler>();
        services.AddSingleton<PartnersHandler>();
        services.AddSingleton<PromotionsHandler>();
        services.AddSingleton<DeliveryPolicy>();
        services.AddPartnerWebhookClient();
        services.AddSingleton<SignedWebhookSender>();
        services.AddSingleton<PartnerDeliveryProcessor>();
        services.AddSingleton<PartnerNoticeProcessor>();
        services.AddSingleton<DeliveriesAdminHandler>();
        services.AddSingleton<HealthHandler>();
        services.AddSingleton<OptOutLinks>();
        services.AddSingleton<OptOutHandler>();
        services.AddSingleton<StatisticsReader>();
        services.AddSingleton<StatisticsHandler>();

        services.AddBuiltInForms();
        services.AddSingleton<ExportQueries>();
        services.AddSingleton<IExportSource, ConsentExport>();
        services.AddSingleton<IExportSource, DisclosureExport>();
        services.AddSingleton<ExportsHandler>();

        services.AddSingleton<CommentRetention>();
        services.AddSingleton<PromotionRetention>();
        services.AddSingleton<IdempotencyRetention>();
        services.AddSingleton<IRetentionPurge, ClientSaltPurge>();
        services.AddSingleton<IRetentionPurge, IdempotencyRecordPurge>();
        services.AddSingleton<PurgeReportStore>();
        services.AddSingleton<ClientSaltStore>();
        services.AddSingleton<ClientDaySalts>();
        services.AddSingleton<RetentionPurger>();

        services.AddSingleton<DemoData>();
        services.AddSingleton<StorageInitializer>();
        services.AddHostedService(serviceProvider => serviceProvider.GetRequiredService<StorageInitializer>());
        return services;
    }
}
