using Azure.Data.Tables;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Ledger;

namespace Submissions.Storage.Polls;

/// <summary>A vote about to be stored, with what goes into its transaction beside it.</summary>
internal sealed record VoteDraft(NewVote Vote, ConsentReceiptDraft Receipt, IdempotencyClaim? Claim, StoredResponse Response)
{
    /// <summary>Its voter rows: the token's first (when there is one), then the person's (when an email was given).</summary>
    public IReadOnlyList<string> VoterRowKeys { get; } =
    [
        .. Vote.VoterKey is { } voterKey ? [VoteEntity.TokenRowKeyFor(voterKey)] : Array.Empty<string>(),
        .. Vote.SubjectKey is { } subjectKey ? [VoteEntity.SubjectRowKey(subjectKey)] : Array.Empty<string>(),
    ];

    /// <summary>
    /// The transaction — key, voter rows, ledger, journal row stamped <paramref name="now"/> (just before it is sent, so a
    /// fold never waits on a stamp older than the request) — and the indexes of the key's and the token row's Adds.
    /// </summary>
    public (List<TableTransactionAction> Actions, int? KeyAction, int? TokenAction) Actions(DateTimeOffset now)
    {
        var partition = Vote.Partition;
        var actions = new List<TableTransactionAction>();
        int? keyAction = null;
        if (Claim is not null)
        {
            keyAction = actions.Count;
            actions.Add(IdempotencyRecords.AddAction(partition, Claim, Response, Receipt.RecordedAt));
        }

        int? tokenAction = Vote.VoterKey is null ? null : actions.Count;
        actions.AddRange(VoterRowKeys.Select(rowKey => new TableTransactionAction(TableTransactionActionType.Add, VoterRow(rowKey))));
        actions.AddRange(Receipt.LedgerActions(partition, Vote.SubjectKey, Vote.VoteId));
        actions.Add(new(TableTransactionActionType.Add, new VoteJournalEntity { PartitionKey = partition, RowKey = VoteJournalEntity.RowKeyFor(now), OptionId = Vote.OptionId }));
        return (actions, keyAction, tokenAction);
    }

    private VoteEntity VoterRow(string rowKey)
    {
        var personRow = rowKey.StartsWith(VoteEntity.SubjectRowKeyPrefix, StringComparison.Ordinal);
        return new VoteEntity
        {
            PartitionKey = Vote.Partition,
            RowKey = rowKey,
            VoteId = Vote.VoteId,
            OptionId = Vote.OptionId,

            // Only the row keyed by the person carries their key: the token row stays behind after an erasure, so the
            // same cookie cannot vote twice, and it must not say whose it was.
            SubjectKey = personRow ? Vote.SubjectKey : null,

            // ...and names the token row, so an erasure can strip it to a bare marker: still one vote per cookie, no longer
            // the person's choice.
            TokenRowKey = personRow && Vote.VoterKey is { } voterKey ? VoteEntity.TokenRowKeyFor(voterKey) : null,
            ReceiptId = Receipt.ReceiptId,
            CreatedAt = Receipt.RecordedAt,
            IdempotencyRowKey = IdempotencyRecords.RowKeyOrNull(Claim),
        };
    }
}
