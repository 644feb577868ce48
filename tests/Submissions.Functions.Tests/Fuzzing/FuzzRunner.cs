using CsCheck;
using Microsoft.Extensions.Logging.Testing;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>How many cases one endpoint's generator contributes to a run.</summary>
public sealed record FuzzPlanEntry(FuzzEndpoint Endpoint, Gen<FuzzCase> Gen, int Count);

/// <summary>
/// Runs a plan of generated cases one at a time against one app, in an order and with values fixed by the seed, so a
/// run is the same every time. Each case is judged by <see cref="ResponseOracle"/> and, when accepted, by
/// <see cref="StorageLedger"/>. The first failing case is handed to <c>shrink</c> with its seed (the session shrinks it
/// in a fresh app, where it fails again unless it depends on what came before) and reported with the result.
/// </summary>
public sealed class FuzzRunner(TestApp app, StorageLedger ledger)
{
    private const uint Stream = 8_2026;

    public FuzzStats Stats { get; } = new();

    public StorageLedger Ledger => ledger;

    public async Task RunAsync(IReadOnlyList<FuzzPlanEntry> plan, ulong seed, Func<FuzzEndpoint, string, Task<string>> shrink)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(shrink);
        var master = new PCG(Stream, seed);
        var schedule = plan.SelectMany((entry, index) => Enumerable.Repeat(index, entry.Count)).ToArray();
        for (var i = schedule.Length - 1; i > 0; i--)
        {
            var j = (int)master.Next((uint)(i + 1));
            (schedule[i], schedule[j]) = (schedule[j], schedule[i]);
        }

        foreach (var entry in schedule)
        {
            var pcg = new PCG(Stream, master.Next64());
            var caseSeed = pcg.ToString();
            var fuzz = plan[entry].Gen.Generate(pcg, null!, out _);
            var violations = await RunOneAsync(fuzz, account: true);
            if (violations.Count > 0)
            {
                var shrunk = await shrink(plan[entry].Endpoint, caseSeed);
                Assert.Fail(
                    $"Fuzz case {caseSeed} failed:\n  {string.Join("\n  ", violations)}\nCase: {fuzz}\n" +
                    $"Reproduce: generator.Generate(PCG.Parse(\"{caseSeed}\"), ...) — or CsCheck with seed \"{caseSeed}\".\nShrunk by CsCheck: {shrunk}");
            }
        }
    }

    /// <summary>
    /// Sends one case and returns what it violated (nothing, if it passed). With <paramref name="account"/> the storage
    /// ledger follows every accepted write; without (shrinking), each case is judged against its partitions as they were
    /// just before it.
    /// </summary>
    public async Task<List<string>> RunOneAsync(FuzzCase fuzz, bool account)
    {
        ArgumentNullException.ThrowIfNull(fuzz);

        // The marker is in every personal value the case sent, so the app's own leak check on dispose covers them all.
        app.SubmittedPersonalValues.Add(fuzz.Marker);
        foreach (var value in fuzz.PersonalValues)
        {
            app.SubmittedPersonalValues.Add(value);
        }

        if (!account && fuzz.IsForm)
        {
            await ledger.ResyncAsync(fuzz);
        }

        var logsBefore = app.Logs.Count;
        var writesBefore = app.Requests.Writes;
        TestResponse? response = null;
        Exception? escaped = null;
        try
        {
            var request = FuzzTarget.RequestFor(fuzz);
            response = await FuzzTarget.Invoke(app, fuzz, request).ExecuteAsync(request);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            escaped = ex;
        }

        var writes = app.Requests.Writes - writesBefore;
        IReadOnlyList<FakeLogRecord> newLogs = app.Logs.Count > logsBefore ? [.. app.Logs.GetSnapshot().Skip(logsBefore)] : [];
        var violations = ResponseOracle.Check(fuzz, response, escaped, newLogs, writes);
        Stats.Record(fuzz, response?.Status ?? 0);
        if (violations.Count == 0 && account && response is not null && ResponseOracle.IsAccepted(response) && fuzz.Method == "POST")
        {
            violations.AddRange(await ledger.AcceptAsync(fuzz, response));
        }
        else if (violations.Count == 0 && fuzz.Endpoint == FuzzEndpoint.PollResults && writes > 0)
        {
            violations.AddRange(await ledger.PublishedResultsAsync(fuzz));
        }
        else if (violations.Count == 0 && response is not null && !ResponseOracle.IsAccepted(response) && writes > 0)
        {
            violations.AddRange(await ledger.RefusedAsync(fuzz));
        }

        return violations;
    }

    /// <summary>
    /// CsCheck runs the generator from the failing seed and keeps looking for a smaller case that still fails; its
    /// message names the smallest one and its seed. Each case is judged alone (see <see cref="RunOneAsync"/>).
    /// </summary>
    public async Task<string> ShrinkAsync(Gen<FuzzCase> gen, string seed)
    {
        try
        {
            await gen.SampleAsync(
                async fuzz =>
                {
                    var violations = await RunOneAsync(fuzz, account: false);
                    if (violations.Count > 0)
                    {
                        throw new InvalidOperationException(string.Join("; ", violations));
                    }
                },
                seed: seed,
                iter: 300,
                threads: 1,
                print: fuzz => fuzz.ToString());
            return "did not fail again in a fresh app: it depends on the requests before it.";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ex.Message + (ex.InnerException is { } violation ? "\nIt violated: " + violation.Message : string.Empty);
        }
    }
}
