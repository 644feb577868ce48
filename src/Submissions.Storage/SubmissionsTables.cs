using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Submissions.Storage.Forms;

namespace Submissions.Storage;

/// <summary>
/// Every table the app uses, by name: its own, and those of every registered form (<see cref="FormStorage"/>). The
/// only type that turns names into <see cref="TableClient"/>s.
/// </summary>
public sealed class SubmissionsTables(TableServiceClient service, IOptions<StorageOptions> options, IEnumerable<FormStorage> forms)
{
    public const string ConsentLabelsName = "ConsentLabels";
    public const string SubjectsName = "Subjects";
    public const string CommentsName = "Comments";
    public const string PollsName = "Polls";
    public const string PartnersName = "Partners";
    public const string PromotionsName = "Promotions";
    public const string DisclosuresName = "Disclosures";
    public const string DeliveryFailuresName = "DeliveryFailures";
    public const string NoticesName = "Notices";
    public const string AuditName = "Audit";
    public const string PurgeReportsName = "PurgeReports";
    public const string ClientSaltsName = "ClientSalts";
    public const string ConfirmationsName = "Confirmations";
    public const string PrivacyRequestsName = "PrivacyRequests";
    public const string DailyStatisticsName = "DailyStatistics";
    public const string ExportJobsName = "ExportJobs";
    public const string ExportDayIndexName = "ExportDayIndex";

    // Clients are built once: a TableClient is thread-safe and cheap to keep, and several are used per request.

    /// <summary>Catalog of consent label versions: PartitionKey = label id, RowKey = zero-padded version.</summary>
    public TableClient ConsentLabels { get; } = service.GetTableClient(options.Value.TablePrefix + ConsentLabelsName);

    /// <summary>Everything about one person in one partition (PartitionKey = subject key), so a registration is one transaction.</summary>
    public TableClient Subjects { get; } = service.GetTableClient(options.Value.TablePrefix + SubjectsName);

    /// <summary>Comments by page (PartitionKey = page id), newest first, with their consent ledger and idempotency rows.</summary>
    public TableClient Comments { get; } = service.GetTableClient(options.Value.TablePrefix + CommentsName);

    /// <summary>Polls (PartitionKey = poll id): definition, sharded tally, one row per voter key, their ledger.</summary>
    public TableClient Polls { get; } = service.GetTableClient(options.Value.TablePrefix + PollsName);

    /// <summary>Partners (PartitionKey = partner id): name, webhook URL, the fields they may receive.</summary>
    public TableClient Partners { get; } = service.GetTableClient(options.Value.TablePrefix + PartnersName);

    /// <summary>Promotions (PartitionKey = promotion id): definition, one entry row per person, owed deliveries, ledger.</summary>
    public TableClient Promotions { get; } = service.GetTableClient(options.Value.TablePrefix + PromotionsName);

    /// <summary>What was disclosed to whom (PartitionKey = subject key): the ledger that erasure and withdrawal notify from.</summary>
    public TableClient Disclosures { get; } = service.GetTableClient(options.Value.TablePrefix + DisclosuresName);

    /// <summary>Dead letters: deliveries that failed for good (PartitionKey "failed", RowKey = delivery id).</summary>
    public TableClient DeliveryFailures { get; } = service.GetTableClient(options.Value.TablePrefix + DeliveryFailuresName);

    /// <summary>Withdrawal and erasure notices owed or sent to partners (PartitionKey = partner id, RowKey = notice id).</summary>
    public TableClient Notices { get; } = service.GetTableClient(options.Value.TablePrefix + NoticesName);

    /// <summary>Every admin read of personal data: who, what, when, how many (PartitionKey = month).</summary>
    public TableClient Audit { get; } = service.GetTableClient(options.Value.TablePrefix + AuditName);

    /// <summary>What each retention purge removed, counts only (PartitionKey = month).</summary>
    public TableClient PurgeReports { get; } = service.GetTableClient(options.Value.TablePrefix + PurgeReportsName);

    /// <summary>Each UTC day's random salt for client-address keys (PartitionKey "day", RowKey = date); purged after the day.</summary>
    public TableClient ClientSalts { get; } = service.GetTableClient(options.Value.TablePrefix + ClientSaltsName);

    /// <summary>Where each pending submission is (PartitionKey = confirmation id): what confirm links and mail messages name.</summary>
    public TableClient Confirmations { get; } = service.GetTableClient(options.Value.TablePrefix + ConfirmationsName);

    /// <summary>Self-service privacy requests (PartitionKey = request id, RowKey "request"), each the outbox row of its mail.</summary>
    public TableClient PrivacyRequests { get; } = service.GetTableClient(options.Value.TablePrefix + PrivacyRequestsName);

    /// <summary>Each finished UTC day's raw counts, written once (PartitionKey <c>daily~{yyyy}</c>, RowKey = date), and the roll-up's state.</summary>
    public TableClient DailyStatistics { get; } = service.GetTableClient(options.Value.TablePrefix + DailyStatisticsName);

    /// <summary>Export jobs (PartitionKey = job id, RowKey "job"): what was asked, by whom, and how far it got; no personal data.</summary>
    public TableClient ExportJobs { get; } = service.GetTableClient(options.Value.TablePrefix + ExportJobsName);

    /// <summary>Per export kind and finished day, keys-only pointers to the rows of that day's export (see <see cref="Exports.ExportDayIndexStore"/>).</summary>
    public TableClient ExportDayIndex { get; } = service.GetTableClient(options.Value.TablePrefix + ExportDayIndexName);

    /// <summary>The registered forms, in registration order.</summary>
    public IReadOnlyList<FormStorage> Forms { get; } = [.. forms];

    /// <summary>Every table: the app's own, then any a registered form adds.</summary>
    public IEnumerable<TableClient> All => [.. Own, .. FormTables.Values.Where(table => !Own.Contains(table))];

    private TableClient[] Own => [ConsentLabels, Subjects, Comments, Polls, Partners, Promotions, Disclosures, DeliveryFailures, Notices, Audit, PurgeReports, ClientSalts, Confirmations, PrivacyRequests, DailyStatistics, ExportJobs, ExportDayIndex];

    /// <summary>The tables that hold a person's records: theirs, and each registered form's, by name.</summary>
    private Dictionary<string, TableClient> FormTables => field ??= CreateFormTables();

    /// <summary>Subjects, then each registered form's tables, each once: every table a consent record can be in.</summary>
    public IEnumerable<string> LedgerTableNames => Forms.SelectMany(form => form.Tables).Prepend(SubjectsName).Distinct(StringComparer.Ordinal);

    /// <summary>Whether a name is one of the tables that hold a person's records (of a form registered now).</summary>
    public bool HoldsRecords(string name) => FormTables.ContainsKey(name);

    /// <summary>The table behind a name a person's index rows or a form's registration use; unknown names throw.</summary>
    public TableClient ByName(string name) =>
        FormTables.TryGetValue(name, out var table) ? table : throw new ArgumentOutOfRangeException(nameof(name), name, "Not a table that holds a person's records.");

    private Dictionary<string, TableClient> CreateFormTables()
    {
        var known = new Dictionary<string, TableClient>(StringComparer.Ordinal)
        {
            [SubjectsName] = Subjects,
            [CommentsName] = Comments,
            [PollsName] = Polls,
            [PromotionsName] = Promotions,
        };
        var tables = new Dictionary<string, TableClient>(StringComparer.Ordinal) { [SubjectsName] = Subjects };
        foreach (var name in Forms.SelectMany(form => form.Tables))
        {
            tables.TryAdd(name, known.TryGetValue(name, out var table) ? table : service.GetTableClient(options.Value.TablePrefix + name));
        }

        return tables;
    }

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        foreach (var table in All)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
        }
    }
}
