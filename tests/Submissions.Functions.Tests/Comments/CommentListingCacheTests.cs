using System.Globalization;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Comments;

/// <summary>
/// Issue 18: a page's listing is served from the instance's cache for ReadCache:CommentListingSeconds, so a viral page's
/// readers cost storage one read per instance per period; a moderation decision on this instance shows at once.
/// </summary>
public sealed class CommentListingCacheTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> Cached = new() { ["ReadCache:CommentListingSeconds"] = "60" };

    [Fact]
    public async Task Concurrent_readers_of_a_page_cost_one_storage_read_and_later_ones_none()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, Cached);
        var page = CommentForms.NewPageId();
        await ApproveAsync(app, page, "Listed once, read by many.");

        List<TestResponse> listings = [];
        var concurrent = await app.Requests.CountAsync(async () =>
            listings = [.. await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => app.ListCommentsAsync(page)))]);
        var later = await app.Requests.CountAsync(async () => Assert.Equal(200, (await app.ListCommentsAsync(page)).Status));

        Assert.Equal(1, concurrent);
        Assert.Equal(0, later);
        Assert.All(listings, listing => Assert.Equal(["Listed once, read by many."], Texts(listing)));
    }

    [Fact]
    public async Task A_decision_on_this_instance_shows_on_its_next_listing()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, Cached);
        var page = CommentForms.NewPageId();
        var kept = await ApproveAsync(app, page, "Approved first.");
        Assert.Equal(["Approved first."], Texts(await app.ListCommentsAsync(page)));
        var pending = await app.PostCommentAsync(CommentForms.Body(page, "Approved second, then rejected."));
        var id = pending.Json.GetProperty("id").GetString()!;

        await app.ModerateAsync(id, approve: true);
        var approved = await app.ListCommentsAsync(page);
        await app.ModerateAsync(id, approve: false);
        TestResponse? rejected = null;
        var trips = await app.Requests.CountAsync(async () => rejected = await app.ListCommentsAsync(page));

        Assert.Equal(["Approved second, then rejected.", "Approved first."], Texts(approved));
        Assert.Equal(["Approved first."], Texts(rejected!));
        Assert.Equal(1, trips);
        Assert.NotNull(kept);
    }

    [Fact]
    public async Task Every_page_size_is_cached_apart_and_pages_after_the_first_are_read_from_storage()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, Cached);
        var page = CommentForms.NewPageId();
        await ApproveAsync(app, page, "Older comment.");
        await ApproveAsync(app, page, "Newer comment.");
        var first = await app.ListCommentsAsync(page, "?pageSize=1");
        var token = Uri.EscapeDataString(first.Json.GetProperty("continuationToken").GetString()!);

        var firstAgain = await app.Requests.CountAsync(() => app.ListCommentsAsync(page, "?pageSize=1"));
        var otherSize = await app.Requests.CountAsync(() => app.ListCommentsAsync(page, "?pageSize=2"));
        var second = await app.Requests.CountAsync(() => app.ListCommentsAsync(page, $"?pageSize=1&continuationToken={token}"));
        var secondAgain = await app.Requests.CountAsync(() => app.ListCommentsAsync(page, $"?pageSize=1&continuationToken={token}"));

        Assert.Equal(["Newer comment."], Texts(first));
        Assert.Equal((0, 1), (firstAgain, otherSize));
        // Any well-formed token reaches storage: caching by token would let a client fill the instance's memory.
        Assert.Equal((1, 1), (second, secondAgain));
        Assert.Equal(["Older comment."], Texts(await app.ListCommentsAsync(page, $"?pageSize=1&continuationToken={token}")));
    }

    [Fact]
    public async Task Browsers_and_shared_caches_may_keep_a_listing_only_for_what_is_left_of_the_period()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, Cached);
        var page = CommentForms.NewPageId();

        var fresh = MaxAge(await app.ListCommentsAsync(page));
        app.Time.Advance(TimeSpan.FromSeconds(25));
        var cached = MaxAge(await app.ListCommentsAsync(page));

        // Counted down from the storage read (whole seconds, rounded down), so no copy outlives the period.
        Assert.InRange(fresh, 59, 60);
        Assert.InRange(cached, 34, 35);
    }

    [Fact]
    public async Task With_the_cache_off_every_listing_reads_storage_and_may_not_be_kept()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var page = CommentForms.NewPageId();
        await app.ListCommentsAsync(page);

        var trips = await app.Requests.CountAsync(async () =>
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(0, MaxAge(await app.ListCommentsAsync(page)));
            }
        });

        Assert.Equal(3, trips);
    }

    [Fact]
    public async Task Another_instance_s_decision_shows_once_the_period_has_passed()
    {
        var shared = new Dictionary<string, string?>
        {
            ["Storage:TablePrefix"] = "t" + Guid.NewGuid().ToString("N")[..10],
            ["ReadCache:CommentListingSeconds"] = "1",
        };
        await using var reader = await TestApp.StartAsync(azurite.ConnectionString, shared);
        await using var moderator = await TestApp.StartAsync(azurite.ConnectionString, shared);
        var page = CommentForms.NewPageId();
        Assert.Empty(Texts(await reader.ListCommentsAsync(page)));

        await ApproveAsync(moderator, page, "Approved elsewhere.");

        // The entry expires in real time (the cache's own clock): the decision shows without anything on this instance.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        List<string> seen;
        while ((seen = Texts(await reader.ListCommentsAsync(page))).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(["Approved elsewhere."], seen);
    }

    private static async Task<string> ApproveAsync(TestApp app, string page, string text)
    {
        var posted = await app.PostCommentAsync(CommentForms.Body(page, text));
        var id = posted.Json.GetProperty("id").GetString()!;
        Assert.Equal(200, (await app.ModerateAsync(id, approve: true)).Status);
        return id;
    }

    private static List<string> Texts(TestResponse listing) =>
        [.. listing.Json.GetProperty("comments").EnumerateArray().Select(comment => comment.GetProperty("text").GetString()!)];

    private static int MaxAge(TestResponse listing)
    {
        var header = listing.Headers.CacheControl.ToString();
        Assert.StartsWith("public, max-age=", header, StringComparison.Ordinal);
        return int.Parse(header["public, max-age=".Length..], CultureInfo.InvariantCulture);
    }
}
