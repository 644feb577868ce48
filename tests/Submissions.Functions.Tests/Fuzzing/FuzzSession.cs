using System.Diagnostics;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>
/// How many requests each public endpoint gets, and in which app: one app per group, the groups run in parallel.
/// The counts add up to more than the 10,000 the issue asks for.
/// </summary>
public static class FuzzPlan
{
    public static IReadOnlyDictionary<FuzzEndpoint, int> Requests { get; } = new Dictionary<FuzzEndpoint, int>
    {
        [FuzzEndpoint.Registrations] = 2_200,
        [FuzzEndpoint.Comments] = 1_800,
        [FuzzEndpoint.PageComments] = 400,
        [FuzzEndpoint.Votes] = 1_800,
        [FuzzEndpoint.PollResults] = 400,
        [FuzzEndpoint.PromotionEntries] = 1_600,
        [FuzzEndpoint.ConsentLabels] = 500,
        [FuzzEndpoint.OptOutPost] = 600,
        [FuzzEndpoint.OptOutGet] = 600,
        [FuzzEndpoint.PreferencesPost] = 400,
        [FuzzEndpoint.PreferencesGet] = 300,
        [FuzzEndpoint.Health] = 200,
        [FuzzEndpoint.PromotionGet] = 400,
        [FuzzEndpoint.Preflight] = 600,
        [FuzzEndpoint.ConfirmGet] = 600,
        [FuzzEndpoint.ConfirmPost] = 600,
    };

    /// <summary>The generator for an endpoint.</summary>
    public static CsCheck.Gen<FuzzCase> GeneratorFor(FuzzEndpoint endpoint, FuzzWorld world, int maxBodyBytes) => endpoint switch
    {
        FuzzEndpoint.Registrations or FuzzEndpoint.Comments or FuzzEndpoint.Votes or FuzzEndpoint.PromotionEntries => FormCases.For(endpoint, maxBodyBytes),
        FuzzEndpoint.PageComments => ReadCases.PageComments(world),
        FuzzEndpoint.PollResults => ReadCases.PollResults(),
        FuzzEndpoint.ConsentLabels => ReadCases.ConsentLabels(),
        FuzzEndpoint.Health => ReadCases.Health(),
        FuzzEndpoint.PromotionGet => ReadCases.Promotion(),
        FuzzEndpoint.Preflight => PreflightCases.Preflight(),
        FuzzEndpoint.ConfirmGet or FuzzEndpoint.ConfirmPost => ConfirmationCases.Confirmation(endpoint, world),
        FuzzEndpoint.PreferencesPost or FuzzEndpoint.PreferencesGet => ReadCases.Preferences(endpoint, world),
        _ => ReadCases.OptOut(endpoint, world),
    };
}

/// <summary>One fuzz run: an app, its world, the plan's cases for some endpoints, and every end-of-run check.</summary>
public static class FuzzSession
{
    /// <summary>Set to a number to explore other cases than CI's fixed ones (each group adds its own seed to it).</summary>
    public const string SeedVariable = "SUBMISSIONS_FUZZ_SEED";

    public static async Task RunAsync(AzuriteFixture azurite, ulong seed, params FuzzEndpoint[] endpoints)
    {
        var clock = Stopwatch.StartNew();
        if (ulong.TryParse(Environment.GetEnvironmentVariable(SeedVariable), System.Globalization.CultureInfo.InvariantCulture, out var explore))
        {
            seed += explore;
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"seed {seed}");
        var (app, world, maxBodyBytes) = await FuzzSetup.StartAsync(azurite);
        var runner = new FuzzRunner(app, await StorageLedger.SnapshotAsync(app));
        try
        {
            await RunAndCheckAsync(azurite, app, runner, world, maxBodyBytes, seed, endpoints);
        }
        catch
        {
            try
            {
                await app.DisposeAsync();
            }
            catch (InvalidOperationException)
            {
                // The leak check on dispose: the failure already thrown is the first one, and the one to report.
            }

            throw;
        }

        // Every log record and queue message of the run is searched for every marker (TestApp's leak check).
        await app.DisposeAsync();

        var stats = runner.Stats;
        TestContext.Current.TestOutputHelper?.WriteLine(stats.Summary(clock.Elapsed));
        foreach (var endpoint in endpoints)
        {
            Assert.Equal(FuzzPlan.Requests[endpoint], stats.Count(endpoint));
        }

        // Every category a generator has must have been drawn often enough to mean something.
        Assert.All(stats.Categories, category => Assert.True(category.Count >= 20, $"{category.Endpoint}/{category.Category}: only {category.Count} cases"));
    }

    private static async Task RunAndCheckAsync(AzuriteFixture azurite, TestApp app, FuzzRunner runner, FuzzWorld world, int maxBodyBytes, ulong seed, FuzzEndpoint[] endpoints)
    {
        var plan = endpoints.Select(endpoint => new FuzzPlanEntry(endpoint, FuzzPlan.GeneratorFor(endpoint, world, maxBodyBytes), FuzzPlan.Requests[endpoint])).ToList();
        await runner.RunAsync(plan, seed, (endpoint, caseSeed) => ShrinkInFreshAppAsync(azurite, endpoint, caseSeed));

        Assert.Empty(await runner.Ledger.FinalDifferencesAsync());
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{runner.Ledger.AcceptedRequests} accepted requests accounted for; {runner.Ledger.OwedDeliveries} deliveries and {runner.Ledger.OwedMails} confirmation mails owed and queued; " +
            $"{app.Logs.Count} log records searched for {app.SubmittedPersonalValues.Count} personal values; {app.Requests.Count} storage requests.");
    }

    /// <summary>A failing case shrunk where nothing came before it: a new app with its own tables and the same world.</summary>
    private static async Task<string> ShrinkInFreshAppAsync(AzuriteFixture azurite, FuzzEndpoint endpoint, string seed)
    {
        var (app, world, maxBodyBytes) = await FuzzSetup.StartAsync(azurite);
        try
        {
            var runner = new FuzzRunner(app, await StorageLedger.SnapshotAsync(app));
            return await runner.ShrinkAsync(FuzzPlan.GeneratorFor(endpoint, world, maxBodyBytes), seed);
        }
        finally
        {
            try
            {
                await app.DisposeAsync();
            }
            catch (InvalidOperationException)
            {
                // The leak check of the shrinking app: the failure it found is the one being reported.
            }
        }
    }
}
