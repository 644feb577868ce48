using System.Text.Json;
using Azure.Data.Tables;
using Submissions.Application.Forms;
using Submissions.Application.Http;
using Submissions.Application.Polls;
using Submissions.Application.Promotions;
using Submissions.Domain.Consent;
using Submissions.Domain.Privacy;
using Submissions.Storage.Comments;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Ledger;
using Submissions.Storage.Polls;
using Submissions.Storage.Promotions;
using Submissions.Storage.Subjects;

namespace Submissions.Benchmarks.Scenarios.Forms;

/// <summary>
/// One form's rows for call number i, as the app writes them: the main row, and the whole transaction; and the round
/// trips the form makes besides it — single-entity writes before it (the person's index row, an Idempotency-Key
/// marker) and queue sends after it (the confirmation mail, the owed delivery).
/// </summary>
internal sealed record FormRows(Func<int, ITableEntity> MainRow, Func<int, IReadOnlyList<TableTransactionAction>> Transaction, int WritesBefore = 0, int SendsAfter = 0);

/// <summary>
/// What the floors write, built with the app's own storage types, hashers and ledger code: the form's main row (same
/// entity type, values and key layout: a new partition per person with the constant RowKey "member"; one of the same
/// 50 pages; one poll's vote partitions; one promotion's entrant buckets) and the rows of its entity-group transaction (the main row, the rows that go
/// with it, the receipt and ledger rows of the same consent answers, the idempotency record with a response of the
/// same size). Azurite's cost depends on the key layout (a constant RowKey across partitions is slow in it), so the
/// layout is what must match.
/// </summary>
internal sealed class ComparableRows(SubjectKeyHasher subjects, VoterKeyHasher voters, ConsentCatalog catalog)
{
    public FormRows Registration() => new(Member, i =>
    {
        var member = Member(i);
        return Transaction(member, [], FormPeople.Email(i), "registration", [("terms", true), ("special-offers", i % 2 == 0), ("demographics", true)]);
    }, SendsAfter: 1);

    public FormRows Comment() => new(CommentRow, i =>
        Transaction(CommentRow(i), [], FormPeople.Email(i), "comment", [("comment-terms", true), ("public-display", true)]), WritesBefore: 1);

    /// <summary>The vote's transaction also adds its tally journal row, in the voter's vote partition like the rest.</summary>
    public FormRows Vote() => new(VoteRow, i =>
    {
        var vote = VoteRow(i);
        var journal = new VoteJournalEntity { PartitionKey = vote.PartitionKey, RowKey = VoteJournalEntity.RowKeyFor(DateTimeOffset.UtcNow), OptionId = vote.OptionId };
        return Transaction(vote, [new(TableTransactionActionType.Add, journal)], email: null, "poll", [("poll-terms", true)]);
    }, WritesBefore: 1);

    public FormRows PromotionEntry() => new(Entry, i =>
    {
        var entry = Entry(i);
        var owed = new OwedDeliveryEntity
        {
            PartitionKey = entry.PartitionKey,
            RowKey = OwedDeliveryEntity.RowKeyFor(entry.DeliveryId!),
            DeliveryId = entry.DeliveryId!,
            PartnerId = "demo-partner",
            EntryRowKey = entry.RowKey,
            SubjectKey = entry.SubjectKey,
            ReceiptId = entry.ReceiptId,
            CreatedAt = entry.CreatedAt,
        };
        return Transaction(entry, [new(TableTransactionActionType.Add, owed)], FormPeople.Email(i), "promotion", [("promotion-terms", true), ("demo-partner-sharing", true)]);
    }, WritesBefore: 2, SendsAfter: 1);

    private MemberEntity Member(int i)
    {
        var now = DateTimeOffset.UtcNow;
        return new MemberEntity
        {
            PartitionKey = subjects.For(FormPeople.Email(i)).Value,
            MemberId = Guid.CreateVersion7().ToString("N"),
            Email = FormPeople.Email(i),
            DisplayName = FormPeople.Name(i),
            Language = "en",
            Country = "FI",
            AgeRange = "25-34",
            RegisteredAt = now,
            UpdatedAt = now,
            RegistrationCount = 1,
        };
    }

    private CommentEntity CommentRow(int i)
    {
        var now = DateTimeOffset.UtcNow;
        return new CommentEntity
        {
            PartitionKey = FormPeople.PageId(i),
            RowKey = CommentEntity.NewRowKey(now),
            DisplayName = FormPeople.Name(i),
            ShowName = true,
            Email = FormPeople.Email(i),
            SubjectKey = subjects.For(FormPeople.Email(i)).Value,
            Text = FormPeople.CommentText,
            Status = "pending",
            ReceiptId = Guid.CreateVersion7().ToString("N"),
            CreatedAt = now,
        };
    }

    private VoteEntity VoteRow(int i)
    {
        var voterKey = voters.For(DemoPollSeed.PollId, FormPeople.VoterToken(i));
        return new()
        {
            PartitionKey = VotePartitions.For(DemoPollSeed.PollId, voterKey, VotePartitions.Count),
            RowKey = VoteEntity.TokenRowKeyFor(voterKey),
            VoteId = Guid.CreateVersion7().ToString("N"),
            OptionId = "privacy",
            ReceiptId = Guid.CreateVersion7().ToString("N"),
            CreatedAt = DateTimeOffset.UtcNow,
        };
    }

    private PromotionEntryEntity Entry(int i)
    {
        var subject = subjects.For(FormPeople.Email(i)).Value;
        return new PromotionEntryEntity
        {
            PartitionKey = PromotionPartitions.ForEntrant(DemoPromotionSeed.PromotionId, subject),
            RowKey = PromotionEntryEntity.RowKeyFor(subject),
            EntryId = Guid.CreateVersion7().ToString("N"),
            SubjectKey = subject,
            Email = FormPeople.Email(i),
            Name = FormPeople.Name(i),
            FieldsJson = """{"answer":"Blue"}""",
            SharingGranted = true,
            ReceiptId = Guid.CreateVersion7().ToString("N"),
            DeliveryId = Guid.CreateVersion7().ToString("N"),
            CreatedAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>Main row, the rows that go with it, receipt and ledger by the app's own code, and an idempotency record.</summary>
    private List<TableTransactionAction> Transaction(
        ITableEntity main, IReadOnlyList<TableTransactionAction> extra, string? email, string form, (string LabelId, bool Granted)[] answers)
    {
        var now = DateTimeOffset.UtcNow;
        var decisions = answers.Select(answer => new ConsentDecision(catalog.Latest(answer.LabelId)!, answer.Granted)).ToList();
        var receipt = new ConsentReceiptDraft(Guid.CreateVersion7().ToString("N"), form, now, decisions);
        var subject = email is null ? null : subjects.For(email).Value;
        var response = JsonSerializer.Serialize(new { id = Guid.CreateVersion7().ToString("N"), receipt = ConsentReceiptView.From(receipt.ReceiptId, now, decisions) }, ApiJson.Options);
        var claim = new IdempotencyClaim(form, Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()));
        return
        [
            IdempotencyRecords.AddAction(main.PartitionKey, claim, new StoredResponse(201, response), now),
            new(TableTransactionActionType.Add, main),
            .. extra,
            .. receipt.LedgerActions(main.PartitionKey, subject, Guid.CreateVersion7().ToString("N")),
        ];
    }
}
