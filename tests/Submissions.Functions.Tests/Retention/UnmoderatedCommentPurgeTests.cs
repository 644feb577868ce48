using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Ledger;
using Submissions.Storage.Retention;
using Submissions.Storage.Subjects;

namespace Submissions.Functions.Tests.Retention;

/// <summary>Comments left pending past Retention:UnmoderatedCommentDays go, with their ledger and index rows; nothing else does.</summary>
public sealed class UnmoderatedCommentPurgeTests(AzuriteFixture azurite)
{
    /// <summary>Keeps idempotency records out of the way, so these tests see the comment purge alone.</summary>
    private static readonly Dictionary<string, string?> KeepIdempotency = new() { ["Retention:IdempotencyHours"] = "100000" };

    [Fact]
    public async Task A_comment_pending_just_past_the_cutoff_goes_with_its_receipt_consents_and_index_row()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, KeepIdempotency);
        var page = CommentForms.NewPageId();
        var old = await app.PostPendingCommentAsync(page, RegistrationForms.NewEmail());
        var oldAnonymous = await app.PostPendingCommentAsync(page, email: null);
        var approved = await app.PostPendingCommentAsync(page, RegistrationForms.NewEmail());
        Assert.Equal(200, (await app.ModerateAsync(approved.Id, approve: true)).Status);
        app.Time.Advance(TimeSpan.FromMinutes(2));
        var young = await app.PostPendingCommentAsync(page, RegistrationForms.NewEmail());
        var youngAnonymous = await app.PostPendingCommentAsync(page, email: null);

        // The first comments are now 30 days and a minute old; the young ones a minute short of 30 days.
        app.Time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        var run = await app.PurgeAsync();

        var rows = await RetentionData.RowsAsync(app.Tables.Comments, page);
        foreach (var gone in new[] { old, oldAnonymous })
        {
            Assert.DoesNotContain(rows, row => row.RowKey == gone.RowKey || row.RowKey == LedgerRowKeys.Receipt(gone.ReceiptId));
            Assert.DoesNotContain(rows, row => row.GetString("ReceiptId") == gone.ReceiptId);
        }

        foreach (var kept in new[] { approved, young, youngAnonymous })
        {
            Assert.Contains(rows, row => row.RowKey == kept.RowKey);
            Assert.Contains(rows, row => row.RowKey == LedgerRowKeys.Receipt(kept.ReceiptId));
            Assert.Equal(2, rows.Count(row => row.RowKey.StartsWith(LedgerRowKeys.ConsentPrefix, StringComparison.Ordinal) && row.GetString("ReceiptId") == kept.ReceiptId));
        }

        Assert.False(await RetentionData.ExistsAsync(app.Tables.Subjects, old.Subject!, IndexRowKey(old)));
        Assert.True(await RetentionData.ExistsAsync(app.Tables.Subjects, young.Subject!, IndexRowKey(young)));
        Assert.True(await RetentionData.ExistsAsync(app.Tables.Subjects, approved.Subject!, IndexRowKey(approved)));
        Assert.Equal(2, (await app.ReportAsync(run)).CountOf(PurgeKinds.UnmoderatedComments));
    }

    [Fact]
    public async Task Running_the_purge_again_removes_nothing_more_and_reports_zero()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, KeepIdempotency);
        var page = CommentForms.NewPageId();
        await app.PostPendingCommentAsync(page, RegistrationForms.NewEmail());
        app.Time.Advance(TimeSpan.FromDays(29));
        var kept = await app.PostPendingCommentAsync(page, RegistrationForms.NewEmail());
        app.Time.Advance(TimeSpan.FromDays(2));

        var first = await app.PurgeAsync();
        var comments = await RetentionData.KeysAsync(app.Tables.Comments);
        var subjects = await RetentionData.KeysAsync(app.Tables.Subjects);
        var second = await app.PurgeAsync();

        Assert.Equal(1, (await app.ReportAsync(first)).CountOf(PurgeKinds.UnmoderatedComments));
        Assert.Equal(0, (await app.ReportAsync(second)).CountOf(PurgeKinds.UnmoderatedComments));
        Assert.Equal(comments, await RetentionData.KeysAsync(app.Tables.Comments));
        Assert.Equal(subjects, await RetentionData.KeysAsync(app.Tables.Subjects));
        Assert.Contains($"{page}/{kept.RowKey}", comments);
    }

    [Fact]
    public async Task A_purge_that_crashed_part_way_is_finished_by_the_next_run()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, KeepIdempotency);
        var page = CommentForms.NewPageId();
        var comment = await app.PostPendingCommentAsync(page, RegistrationForms.NewEmail());
        app.Time.Advance(TimeSpan.FromDays(31));

        // As if a run had deleted the index row and the receipt, then stopped.
        var ct = TestContext.Current.CancellationToken;
        await app.Tables.Subjects.DeleteEntityAsync(comment.Subject!, IndexRowKey(comment), cancellationToken: ct);
        await app.Tables.Comments.DeleteEntityAsync(page, LedgerRowKeys.Receipt(comment.ReceiptId), cancellationToken: ct);
        var run = await app.PurgeAsync();

        Assert.Equal(1, (await app.ReportAsync(run)).CountOf(PurgeKinds.UnmoderatedComments));
        Assert.Empty(await RetentionData.RowsAsync(app.Tables.Comments, page));
    }

    private static string IndexRowKey(PostedComment comment) =>
        SubjectRecordEntity.RowKeyFor(SubjectRecordKinds.Comment, comment.PageId, comment.RowKey);
}
