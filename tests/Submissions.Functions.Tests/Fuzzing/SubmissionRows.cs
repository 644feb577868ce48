using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Links;
using Submissions.Domain.Links;
using Submissions.Domain.OptOut;
using Submissions.Domain.Privacy;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Comments;
using Submissions.Storage.Confirmations;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Ledger;
using Submissions.Storage.Polls;
using Submissions.Storage.Promotions;
using Submissions.Storage.Subjects;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>
/// Where a submission may write and what it may add there: the rows an accepted form or opt-out stores (its record,
/// receipt, ledger, idempotency record, index row, owed delivery), read from the request and the answer. A registration
/// or a promotion entry is stored pending until its owner confirms (issue 17, docs/confirmation.md): exactly its
/// pending~ row, its receipt, its idempotency record if keyed, (an entry) the person's index row to the pending row, and
/// no pointer (issue 18: its confirmation id names its partition) — no member, entry, ledger row or owed delivery. <paramref name="known"/> gives the row
/// keys a partition held before.
/// </summary>
public sealed class SubmissionRows(TestApp app, Func<string, string, IReadOnlySet<string>> known)
{
    /// <summary>The partitions a form body can write to: the person's, and the page's, poll's or promotion's.</summary>
    public List<(TableClient Table, string Partition)> PartitionsOf(FuzzCase fuzz)
    {
        JsonElement body;
        try
        {
            body = RequestJson(fuzz.Body);
        }
        catch (JsonException)
        {
            return [];
        }

        var partitions = new List<(TableClient, string)>();
        if (Property(body, "email") is { Length: > 0 } email)
        {
            partitions.Add((app.Tables.Subjects, app.SubjectOf(email).Value));
        }

        var other = fuzz.Endpoint switch
        {
            FuzzEndpoint.Comments when Property(body, "pageId") is { Length: > 0 } pageId => (app.Tables.Comments, pageId),
            FuzzEndpoint.Votes when fuzz.RouteValue is { Length: > 0 } => (app.Tables.Polls, VotePartitionOf(fuzz.RouteValue, body)),
            // An entrant's rows are in their bucket of the promotion (issue 18).
            FuzzEndpoint.PromotionEntries when fuzz.RouteValue is { Length: > 0 } => (app.Tables.Promotions, Property(body, "email") is { Length: > 0 } entrant
                ? PromotionPartitions.ForEntrant(fuzz.RouteValue, app.SubjectOf(entrant).Value)
                : fuzz.RouteValue),
            _ => ((TableClient, string)?)null,
        };
        if (other is { } found)
        {
            partitions.Add(found);
        }

        return partitions;
    }

    /// <summary>The form partition a registration or entry stores its pending row in, and the id it answered with; null for other forms or a replay.</summary>
    public (TableClient Table, string Partition, string SubmissionId)? PendingPlaceOf(FuzzCase fuzz, JsonElement answer, bool replayed)
    {
        if (replayed || fuzz.Endpoint is not (FuzzEndpoint.Registrations or FuzzEndpoint.PromotionEntries))
        {
            return null;
        }

        var id = answer.GetProperty("id").GetString()!;
        return fuzz.Endpoint == FuzzEndpoint.Registrations
            ? (app.Tables.Subjects, app.SubjectOf(Property(RequestJson(fuzz.Body), "email")!).Value, id)
            : (app.Tables.Promotions, fuzz.RouteValue!, id);
    }

    /// <summary>The vote partition a vote body leads to, as the app picks it: by the token's keyed hash, else the email's.</summary>
    private string VotePartitionOf(string pollId, JsonElement body)
    {
        var token = Property(body, "voterToken");
        var email = Property(body, "email");
        var keyedHash = !string.IsNullOrEmpty(token) ? app.Services.GetRequiredService<VoterKeyHasher>().For(pollId, token)
            : !string.IsNullOrEmpty(email) ? app.SubjectOf(email).Value
            : null;
        return keyedHash is null ? VotePartitions.Name(pollId, 0) : VotePartitions.For(pollId, keyedHash, VotePartitions.Count);
    }

    /// <summary>The rows an accepted form request adds; <c>confirmationId</c> is its pending submission's (registrations and entries not replayed).</summary>
    public List<(TableClient Table, string Partition, Func<IReadOnlyCollection<string>, ExpectedRows> Rules)> FormRows(FuzzCase fuzz, JsonElement answer, bool replayed, bool keyed, string? confirmationId)
    {
        var body = RequestJson(fuzz.Body);
        var email = Property(body, "email");
        var subject = string.IsNullOrEmpty(email) ? null : app.SubjectOf(email).Value;
        JsonElement? receipt = replayed ? null : answer.GetProperty("receipt");
        var receiptId = receipt?.GetProperty("id").GetString() ?? string.Empty;
        var answers = receipt?.GetProperty("consents").GetArrayLength() ?? 0;

        // A replay stores nothing: the same partitions, with no rows expected.
        ExpectedRows Ledger(string form) => replayed ? new ExpectedRows() : new ExpectedRows()
            .Exactly(1, LedgerRowKeys.Receipt(receiptId))
            .Exactly(answers, row => row.StartsWith(LedgerRowKeys.ConsentPrefix, StringComparison.Ordinal) && row.EndsWith("~" + receiptId, StringComparison.Ordinal), "ledger rows of the receipt")
            .Exactly(keyed ? 1 : 0, row => row.StartsWith($"{IdempotencyRecords.RowKeyPrefix}{form}~", StringComparison.Ordinal), "the idempotency record");

        // A pending submission: its row and receipt (the answers enter the ledger only once confirmed), its key's record.
        ExpectedRows Pending(string form) => replayed ? new ExpectedRows() : new ExpectedRows()
            .Exactly(1, PendingSubmissionEntity.RowKeyFor(confirmationId!))
            .Exactly(1, LedgerRowKeys.Receipt(receiptId))
            .Exactly(keyed ? 1 : 0, row => row.StartsWith($"{IdempotencyRecords.RowKeyPrefix}{form}~", StringComparison.Ordinal), "the idempotency record");

        var tablesOf = app.Tables;
        var rows = new List<(TableClient, string, ExpectedRows)>();
        switch (fuzz.Endpoint)
        {
            case FuzzEndpoint.Registrations:
                rows.Add((tablesOf.Subjects, subject!, Pending("registration")));
                break;
            case FuzzEndpoint.Comments:
                var pageId = Property(body, "pageId")!;
                var commentRow = replayed ? null : CommentIds.TryDecode(answer.GetProperty("id").GetString()!, out _, out var rowKey) ? rowKey : "?";
                rows.Add((tablesOf.Comments, pageId, Ledger("comment").Exactly(replayed ? 0 : 1, row => row == commentRow, "the comment")));
                if (subject is not null)
                {
                    rows.Add((tablesOf.Subjects, subject, new ExpectedRows().Exactly(replayed ? 0 : 1, row => row == SubjectRecordEntity.RowKeyFor(SubjectRecordKinds.Comment, pageId, commentRow!), "the person's index row")));
                }

                break;
            case FuzzEndpoint.Votes:
                var pollId = fuzz.RouteValue!;
                var voterRows = (string.IsNullOrEmpty(Property(body, "voterToken")) ? 0 : 1) + (subject is null ? 0 : 1);
                rows.Add((tablesOf.Polls, VotePartitionOf(pollId, body), Ledger("poll")
                    .Exactly(replayed ? 0 : voterRows, row => row.StartsWith(VoteEntity.RowKeyPrefix, StringComparison.Ordinal), "the voter rows")
                    .Exactly(replayed ? 0 : 1, row => row.StartsWith(VoteJournalEntity.RowKeyPrefix, StringComparison.Ordinal), "its tally journal row")));
                if (subject is not null)
                {
                    var index = SubjectRecordEntity.RowKeyFor(SubjectRecordKinds.Vote, pollId, VoteEntity.SubjectRowKey(subject));
                    rows.Add((tablesOf.Subjects, subject, new ExpectedRows().Exactly(replayed || known(tablesOf.Subjects.Name, subject).Contains(index) ? 0 : 1, index)));
                }

                break;
            default:
                var bucket = PromotionPartitions.ForEntrant(fuzz.RouteValue!, subject!);
                rows.Add((tablesOf.Promotions, bucket, Pending("promotion")));
                rows.Add((tablesOf.Subjects, subject!, replayed ? new ExpectedRows() : new ExpectedRows().Exactly(
                    1, SubjectRecordEntity.RowKeyFor(SubjectRecordKinds.PromotionEntry, bucket, PendingSubmissionEntity.RowKeyFor(confirmationId!)))));
                break;
        }

        return [.. rows.Select(row => (row.Item1, row.Item2, (Func<IReadOnlyCollection<string>, ExpectedRows>)(_ => row.Item3)))];
    }

    /// <summary>
    /// An opt-out withdraws in the person's partition: one receipt and a ledger row per withdrawn consent, or nothing
    /// when nothing was left to withdraw. A JSON answer says which receipt and how many; a page for a browser does not,
    /// so then the receipt is the one added.
    /// </summary>
    public List<(TableClient Table, string Partition, Func<IReadOnlyCollection<string>, ExpectedRows> Rules)> OptOutRows(FuzzCase fuzz, TestResponse response)
    {
        var token = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(fuzz.Query)["token"].ToString();
        if (!app.Services.GetRequiredService<OptOutTokenSigner>().TryVerify(token, app.Time.GetUtcNow(), out var claim))
        {
            return [];
        }

        var json = response.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true ? response.Json : (JsonElement?)null;
        var receiptId = json?.TryGetProperty("receiptId", out var id) == true ? id.GetString() : null;
        var withdrawn = json?.GetProperty("withdrawn").GetArrayLength();
        return [(app.Tables.Subjects, claim.Subject.Value, added =>
        {
            var receipt = receiptId ?? added.FirstOrDefault(row => row.StartsWith(LedgerRowKeys.ReceiptPrefix, StringComparison.Ordinal))?[LedgerRowKeys.ReceiptPrefix.Length..];
            bool IsLedger(string row) => row.StartsWith(LedgerRowKeys.ConsentPrefix, StringComparison.Ordinal) && receipt is not null && row.EndsWith("~" + receipt, StringComparison.Ordinal);
            return new ExpectedRows()
                .Exactly(receipt is null ? 0 : 1, LedgerRowKeys.Receipt(receipt ?? "none"))
                .Exactly(withdrawn ?? added.Count(IsLedger), IsLedger, "ledger rows of the withdrawal");
        })];
    }

    /// <summary>
    /// A preference-centre change writes in the person's partition only: a receipt per withdrawal or grant (at most one
    /// of each) and ledger rows under those receipts. A JSON answer names the receipts; a page does not, so then they
    /// are the ones added.
    /// </summary>
    public List<(TableClient Table, string Partition, Func<IReadOnlyCollection<string>, ExpectedRows> Rules)> PreferenceRows(FuzzCase fuzz, TestResponse response)
    {
        ArgumentNullException.ThrowIfNull(fuzz);
        ArgumentNullException.ThrowIfNull(response);
        var token = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(fuzz.Query)["token"].ToString();
        if (app.Services.GetRequiredService<SignedLinks>().Signer(LinkPurpose.Preferences).Read(token) is not { } claim)
        {
            return [];
        }

        var json = response.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true ? response.Json : (JsonElement?)null;
        var named = json?.GetProperty("receiptIds").EnumerateArray().Select(id => id.GetString()!).ToList();
        return [(app.Tables.Subjects, claim.IdAsHex(), added =>
        {
            var receipts = named ?? [.. added.Where(row => row.StartsWith(LedgerRowKeys.ReceiptPrefix, StringComparison.Ordinal)).Select(row => row[LedgerRowKeys.ReceiptPrefix.Length..])];
            bool IsReceipt(string row) => receipts.Any(receipt => row == LedgerRowKeys.Receipt(receipt));
            bool IsLedger(string row) => row.StartsWith(LedgerRowKeys.ConsentPrefix, StringComparison.Ordinal) && receipts.Any(receipt => row.EndsWith("~" + receipt, StringComparison.Ordinal));
            return new ExpectedRows()
                .Exactly(receipts.Count, IsReceipt, "receipts of the change")
                .AtMost(2 * receipts.Count, IsLedger, "ledger rows of the change");
        })];
    }

    /// <summary>An accepted body, parsed as the app reads it (a leading byte-order mark is allowed).</summary>
    private static JsonElement RequestJson(byte[] body)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        var json = body.AsSpan().StartsWith(bom) ? body[3..] : body;
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    /// <summary>A string property by the app's rules (names match case-insensitively); null where there is none, or
    /// where its text does not decode (the app refuses such a body before it reaches storage).</summary>
    private static string? Property(JsonElement body, string name)
    {
        try
        {
            return body.ValueKind == JsonValueKind.Object
                && body.EnumerateObject().FirstOrDefault(property => string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.String } found
                ? found.Value.GetString()
                : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
