using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Submissions.Application.ConsentLabels;
using Submissions.Benchmarks.Hosting;
using Submissions.Benchmarks.Measuring;
using Submissions.Benchmarks.Reporting;
using Submissions.Domain.Privacy;

namespace Submissions.Benchmarks.Scenarios.Forms;

/// <summary>
/// Each public form at concurrency 1 and 8 next to a bare AddEntity of its main row (the floor) and a bare transaction
/// of the rows its own transaction writes, at the same concurrency, in rounds, on a fresh in-memory Azurite: every
/// submission distinct (email, voter token, Idempotency-Key) and accepted.
/// </summary>
internal sealed class FormScenario : IBenchmarkScenario
{
    private static readonly int[] Concurrencies = [1, 8];

    public string Name => "forms";

    public bool OnDisk => false;

    public async Task<ReportSection> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Options;
        using var app = await BenchApp.StartAsync(context.ConnectionString);
        var runner = new LoadRunner(app.Requests);
        var catalog = await app.Get<ConsentLabelCatalog>().GetAsync(cancellationToken);
        var comparable = new ComparableRows(app.Get<SubjectKeyHasher>(), app.Get<VoterKeyHasher>(), catalog);
        var forms = new (string Name, LoadOperation App, FormRows Rows, StoredRecords Stored)[]
        {
            ("registration", FormOperations.Registration(app), comparable.Registration(), StoredRecords.Registrations(app.Tables)),
            ("comment", FormOperations.Comment(app), comparable.Comment(), StoredRecords.Comments(app.Tables)),
            ("poll vote", FormOperations.Vote(app), comparable.Vote(), StoredRecords.Votes(app.Tables)),
            ("promotion entry", FormOperations.PromotionEntry(app), comparable.PromotionEntry(), StoredRecords.Entries(app.Tables)),
        };

        var rows = new List<IReadOnlyList<string>>();
        var summary = new List<IReadOnlyList<string>>();
        var storage = new List<StorageRow>();
        var voteRoundTrips = new List<double>();
        for (var f = 0; f < forms.Length; f++)
        {
            var (name, appOperation, formRows, stored) = forms[f];
            var storedBefore = await stored.CountAsync(cancellationToken);
            var bareAdd = BareOperations.Add(await BareTableAsync(app, $"Add{f}", cancellationToken), formRows);
            var bareTransaction = BareOperations.Transaction(await BareTableAsync(app, $"Transaction{f}", cancellationToken), formRows);
            var sameRoundTrips = BareOperations.SameRoundTrips(
                await BareTableAsync(app, $"Same{f}", cancellationToken), await BareQueueAsync(app, $"same{f}", cancellationToken), formRows);
            LoadCase[] cases =
            [
                .. Concurrencies.SelectMany(concurrency => new[]
                {
                    new LoadCase(bareAdd, concurrency), new LoadCase(bareTransaction, concurrency), new LoadCase(sameRoundTrips, concurrency), new LoadCase(appOperation, concurrency),
                }),
            ];
            var results = await runner.CompareAsync(cases, options.Submissions, options.LoadRepeats, options.WarmUp, name, cancellationToken);

            // Results come in case order: add, transaction, same round trips and app at each concurrency in turn.
            var pairs = new List<(LoadSummary App, LoadSummary Floor)>();
            var honest = new List<(LoadSummary App, LoadSummary Floor)>();
            var same = new List<(LoadSummary App, LoadSummary Floor)>();
            for (var c = 0; c < Concurrencies.Length; c++)
            {
                var (floor, transaction, sameSummary, appSummary) = (results[4 * c], results[(4 * c) + 1], results[(4 * c) + 2], results[(4 * c) + 3]);
                rows.Add(LoadTables.Row(name, floor, floor));
                rows.Add(LoadTables.Row(name, transaction, floor));
                rows.Add(LoadTables.Row(name, sameSummary, floor));
                rows.Add(LoadTables.Row(name, appSummary, floor));
                pairs.Add((appSummary, floor));
                honest.Add((appSummary, transaction));
                same.Add((appSummary, sameSummary));
                storage.Add(StorageTable.For(name, appSummary));
            }

            // Every call got a 2xx (the runner stops at the first other answer), the warm-up's included.
            var accepted = pairs.Sum(pair => pair.App.Calls) + (options.WarmUp > 0 ? options.WarmUp * Concurrencies.Length : 0);
            await stored.VerifyAddedAsync(name, storedBefore, accepted, cancellationToken);
            summary.Add(LoadTables.SummaryRow(name, pairs[0], pairs[1], honest[0], honest[1], same[0], same[1]));
            if (name == "poll vote")
            {
                voteRoundTrips.AddRange(pairs.Select(pair => pair.App.RoundTripsPerCall));
            }
        }

        return new ReportSection(
            "Forms",
            "Each public form through its function class (`RegistrationFunctions.SubmitAsync`, `CommentFunctions.SubmitAsync`, " +
            "`PollFunctions.VoteAsync`, `PromotionFunctions.EnterAsync`) as the Functions host calls it — an `HttpRequest` with a JSON " +
            "body, the client address as the host forwards it (the remote address, 256 addresses in turn) and a fresh `Idempotency-Key`, the `IActionResult` " +
            "executed for its status — next to the floor: one `TableClient.AddEntityAsync` of the form's main row (the same entity " +
            "type, values and key layout) into a table of its own through the app's own storage client, and one " +
            "`SubmitTransactionAsync` of the same rows the form's transaction writes, at the same concurrency in the same rounds. Every submission is a new person (email, voter token) and must be accepted: one refusal stops the " +
            "run, and so does a count of the form's stored records (one keys-only query after the runs) that differs from the submissions accepted " +
            "(registrations and entries are counted as the pending rows that wait for their owner's confirmation, docs/confirmation.md; " +
            "confirming is measured in the viral promotion case). A fresh in-memory Azurite; the demo catalog (labels, `demo-poll`, `demo-promotion`).",
            LoadTables.Columns("form"),
            rows,
            [
                $"Each run is {options.Submissions:N0} calls kept 1 or 8 in flight (a closed loop: 8 clients each waiting for " +
                $"its answer). After a warm-up of {options.WarmUp:N0} calls of each case, {Units.Count(options.LoadRepeats, "round")} " +
                "of every case in turn (the order reversed every other round). per s: the median of the runs; ÷ floor: the " +
                "app's (or bare transaction's) median ÷ the bare AddEntity's at the same concurrency; p50/p99: over every call " +
                "of every run, pooled.",
                "What each submission costs in storage — round trips, sequential stages, queue sends, entities in the busiest " +
                "partition — is measured, per form, in Storage per operation. The floor writes one row, so ÷ floor is the " +
                "price of the form's other rows, round trips and the app's own work together; the bare transaction is the " +
                "honest floor: one entity-group transaction of the form's main row with the rows that go with it (owed " +
                "delivery, vote journal row), the receipt and ledger rows of the same answers (the app's own ledger code) and an " +
                "idempotency record with a response of the same size, in one round trip — so app ÷ bare transaction is what " +
                "the app's other round trips and its own work cost. bare, same round trips: that transaction with the " +
                "round trips the form cannot drop around it, in the app's order — a keys-only row added before it for the " +
                "person's index row (comment, entry) and for the Idempotency-Key marker (vote, entry), a queue message of " +
                "the app's size sent after it for the confirmation mail (registration) or the owed delivery (entry) — so " +
                "app ÷ it is what the app's own work costs.",
                "round trips/call: every HTTP request the app's storage clients sent during the runs (an SDK pipeline policy " +
                "per retry), ÷ calls; the consent catalog is cached for 30 s, so its reload shows as a small fraction.",
                "app CPU µs/call: this process's CPU time over a run (every thread, GC included; Azurite is another process) " +
                "÷ calls, median of the runs — the bare row's is the SDK's own cost of one request; allocated KB/call: " +
                "`GC.GetTotalAllocatedBytes` over a run ÷ calls.",
                VoteNote(voteRoundTrips),
            ],
            summary,
            storage);
    }

    /// <summary>What a vote's round trips are, and that concurrency does not add to them, in this run's figures.</summary>
    private static string VoteNote(List<double> voteRoundTrips)
    {
        var (one, eight) = (voteRoundTrips[0], voteRoundTrips[^1]);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"A vote by token is one transaction in its vote partition (voter row, journal row, receipt, ledger, idempotency " +
            $"record); its Idempotency-Key's marker, in the vote partition of the key's own hash, comes first, so a key reused " +
            $"for another voter meets it (a vote sent without a key is the transaction alone). No vote writes a row another " +
            $"vote writes — the counts are recounted from the journal rows, not kept in a shared row — so concurrency adds no " +
            $"retries: {Units.Hundredths(one)} round trips per vote at c=1, {Units.Hundredths(eight)} at c=8. The other forms " +
            $"likewise write only rows of their own submission.");
    }

    /// <summary>The same-round-trips floor's queue: its own, so the app's queues hold only the app's messages.</summary>
    private static async Task<QueueClient> BareQueueAsync(BenchApp app, string name, CancellationToken cancellationToken)
    {
        var queue = app.Get<QueueServiceClient>().GetQueueClient(("bare-" + app.TablePrefix + "-" + name).ToLowerInvariant());
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return queue;
    }

    /// <summary>Floor tables per form, so each grows by as many main rows as the app's table does.</summary>
    private static async Task<TableClient> BareTableAsync(BenchApp app, string name, CancellationToken cancellationToken)
    {
        var table = app.Get<TableServiceClient>().GetTableClient(app.TablePrefix + "Bare" + name);
        await table.CreateIfNotExistsAsync(cancellationToken);
        return table;
    }
}
