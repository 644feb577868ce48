using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.ConsentLabels;

/// <summary>
/// Two app instances on one storage account, as the Functions platform scales out: the instance that changes a label
/// sees it at once; another sees it once its cached catalog is older than ConsentCatalog:CacheSeconds and the background
/// load the next request starts has landed (issue 18: that request is answered from the cached catalog, not made to wait).
/// </summary>
public sealed class ConsentCatalogCacheTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Another_instance_sees_a_label_change_once_its_cache_expires()
    {
        var shared = new Dictionary<string, string?> { ["Storage:TablePrefix"] = "t" + Guid.NewGuid().ToString("N")[..10], ["ConsentCatalog:CacheSeconds"] = "30" };
        await using var editor = await TestApp.StartAsync(azurite.ConnectionString, shared);
        await using var other = await TestApp.StartAsync(azurite.ConnectionString, shared);
        var otherLabels = new ConsentLabelAdmin(other);
        Assert.Equal(1, TermsVersion(await otherLabels.GetForFormAsync("registration")));

        await new ConsentLabelAdmin(editor).PutAsync("terms", "Revised terms.", required: true, fields: ["email", "displayName"]);

        Assert.Equal(2, TermsVersion(await new ConsentLabelAdmin(editor).GetForFormAsync("registration")));
        Assert.Equal(1, TermsVersion(await otherLabels.GetForFormAsync("registration")));

        other.Time.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal(1, TermsVersion(await otherLabels.GetForFormAsync("registration")));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (TermsVersion(await otherLabels.GetForFormAsync("registration")) != 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "The other instance did not see the change within 10 seconds of its cache expiring.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Label_lists_may_be_cached_by_browsers_for_a_minute()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await new ConsentLabelAdmin(app).GetForFormAsync("comment");

        Assert.Equal("public, max-age=60", response.Headers.CacheControl.ToString());
    }

    private static int TermsVersion(TestResponse response) =>
        response.Json.GetProperty("labels").EnumerateArray().Single(label => label.GetProperty("labelId").GetString() == "terms").GetProperty("version").GetInt32();
}
