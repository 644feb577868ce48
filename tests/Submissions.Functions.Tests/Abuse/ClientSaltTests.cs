using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Abuse;
using Submissions.Application.Retention;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.ClientSalts;
using Submissions.Storage.Retention;

namespace Submissions.Functions.Tests.Abuse;

/// <summary>
/// The daily client-address salt is random, one per UTC day for every instance (stored; first writer wins), and gone
/// once its day has ended (the log line is checked in <see cref="RateLimitTests"/>).
/// </summary>
public sealed class ClientSaltTests(AzuriteFixture azurite)
{
    private static readonly DateOnly Day = new(2026, 11, 24);

    [Fact]
    public async Task Two_instances_on_the_same_storage_agree_on_the_days_salt()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var shared = new Dictionary<string, string?> { ["Storage:TablePrefix"] = prefix };
        await using var first = await TestApp.StartAsync(azurite.ConnectionString, shared, initializeStorage: false);
        await using var second = await TestApp.StartAsync(azurite.ConnectionString, shared, initializeStorage: false);
        await first.Tables.CreateIfNotExistsAsync(TestContext.Current.CancellationToken);

        // At the same moment, as two instances that both start the day would: each draws a salt, one insert wins.
        var salts = await Task.WhenAll(
            first.Services.GetRequiredService<ClientDaySalts>().ForAsync(Day, TestContext.Current.CancellationToken).AsTask(),
            second.Services.GetRequiredService<ClientDaySalts>().ForAsync(Day, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(ClientSaltStore.SaltBytes, salts[0].Length);
        Assert.Equal(salts[0], salts[1]);
        var stored = Assert.Single(await RowsAsync(first));
        Assert.Equal(salts[0], stored.GetBinary("Salt"));
        Assert.Equal(ClientSaltStore.RowKeyOf(Day), stored.RowKey);
    }

    [Fact]
    public async Task Each_day_has_its_own_salt()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var salts = app.Services.GetRequiredService<ClientDaySalts>();

        var today = await salts.ForAsync(Today(app), TestContext.Current.CancellationToken);
        var againToday = await salts.ForAsync(Today(app), TestContext.Current.CancellationToken);
        app.Time.Advance(TimeSpan.FromDays(1));
        var tomorrow = await salts.ForAsync(Today(app), TestContext.Current.CancellationToken);

        Assert.Equal(today, againToday);
        Assert.NotEqual(today, tomorrow);
        Assert.Equal(2, (await RowsAsync(app)).Count);
    }

    [Fact]
    public async Task The_salt_of_a_day_that_ended_is_purged_and_todays_is_kept()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var salts = app.Services.GetRequiredService<ClientDaySalts>();
        await salts.ForAsync(Today(app), TestContext.Current.CancellationToken);
        var yesterday = Today(app);

        // Just after midnight, as the purge timer runs.
        app.Time.SetUtcNow(new DateTimeOffset(yesterday.AddDays(1), new TimeOnly(0, 5), TimeSpan.Zero));
        await salts.ForAsync(Today(app), TestContext.Current.CancellationToken);
        var run = await app.Services.GetRequiredService<RetentionPurger>().PurgeAsync(TestContext.Current.CancellationToken);
        var again = await app.Services.GetRequiredService<RetentionPurger>().PurgeAsync(TestContext.Current.CancellationToken);

        Assert.Equal([ClientSaltStore.RowKeyOf(Today(app))], (await RowsAsync(app)).Select(row => row.RowKey));
        Assert.Equal(1, Assert.Single(run.Results, result => result.Kind == PurgeKinds.ClientSalts).Count);
        Assert.Equal(0, Assert.Single(again.Results, result => result.Kind == PurgeKinds.ClientSalts).Count);
    }

    private static DateOnly Today(TestApp app) => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    private static async Task<List<TableEntity>> RowsAsync(TestApp app)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in app.Tables.ClientSalts.QueryAsync<TableEntity>(cancellationToken: TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}
