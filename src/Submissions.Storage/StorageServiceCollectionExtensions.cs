using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Submissions.Storage.Audit;
using Submissions.Storage.Blobs;
using Submissions.Storage.ClientSalts;
using Submissions.Storage.Comments;
using Submissions.Storage.Confirmations;
using Submissions.Storage.ConsentLabels;
using Submissions.Storage.Deliveries;
using Submissions.Storage.Exports;
using Submissions.Storage.Health;
using Submissions.Storage.Notices;
using Submissions.Storage.Partners;
using Submissions.Storage.Polls;
using Submissions.Storage.PrivacyRequests;
using Submissions.Storage.Promotions;
using Submissions.Storage.Queues;
using Submissions.Storage.Retention;
using Submissions.Storage.Statistics;
using Submissions.Storage.Subjects;

namespace Submissions.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the storage options, the Azure table, queue and blob clients (from the <see cref="StorageConnection.Name"/>
    /// setting), the tables, the queues, the blob containers and every store.
    /// </summary>
    public static IServiceCollection AddSubmissionsStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddStorageClients(configuration);
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<SubmissionsTables>();
        services.AddSingleton<SubmissionsQueues>();
        services.AddSingleton<SubmissionsBlobs>();
        services.AddSingleton<ExportJobStore>();
        services.AddSingleton<ConsentLabelStore>();
        services.AddSingleton<RegistrationStore>();
        services.AddSingleton<CommentStore>();
        services.AddSingleton<PollStore>();
        services.AddSingleton<VoteStore>();
        services.AddSingleton<VoteCounter>();
        services.AddSingleton<PartnerStore>();
        services.AddSingleton<PromotionStore>();
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton<DeadLetterStore>();
        services.AddSingleton<StorageHealthProbe>();
        services.AddSingleton<SubjectIndex>();
        services.AddSingleton<SubjectRecordsStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<NoticeStore>();
        services.AddSingleton<StatisticsReader>();
        services.AddSingleton<DailyStatisticsStore>();
        services.AddSingleton<ExportQueries>();
        services.AddSingleton<ExportDayIndexStore>();
        services.AddSingleton<ExportDayIndexScans>();
        services.AddSingleton<CommentRetention>();
        services.AddSingleton<PromotionRetention>();
        services.AddSingleton<IdempotencyRetention>();
        services.AddSingleton<PurgeReportStore>();
        services.AddSingleton<ClientSaltStore>();
        services.AddSingleton<ConfirmationStore>();
        services.AddSingleton<PrivacyRequestStore>();
        return services;
    }
}
