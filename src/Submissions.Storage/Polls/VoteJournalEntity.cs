using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Polls;

/// <summary>
/// RowKey meta~j~{19-digit ticks}~{random id}: one vote's option, written in the vote's own transaction in its vote
/// partition. Votes only ever Add these (no counter to read and replace, so concurrent votes never race); a recount
/// folds them into the partition's <see cref="FoldedTallyEntity"/>, deleting them in the same transaction. The id is
/// fresh, not the vote id: nothing links a journal row to a voter, so an erasure has nothing to remove here.
/// </summary>
public sealed class VoteJournalEntity : ITableEntity
{
    public const string RowKeyPrefix = PollEntity.MetaPrefix + "j~";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string OptionId { get; set; } = string.Empty;

    public static string RowKeyFor(DateTimeOffset at) =>
        RowKeyPrefix + at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "~" + Guid.NewGuid().ToString("N");
}
