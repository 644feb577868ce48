using Submissions.Benchmarks.Hosting;
using Submissions.Benchmarks.Measuring;
using Submissions.Benchmarks.Scenarios.Viral;

namespace Submissions.Benchmarks.Scenarios.PollResults;

/// <summary>
/// The recount on its own, as production does it between reads: new votes cast through the app (their journal rows
/// spread over the vote partitions), the poll's totals left to fall due (the app's clock moved past the period), then
/// the one read that claims the recount and waits for it — its time, round trips, stages and entities, each run
/// followed by a check that every vote seeded or cast is counted.
/// </summary>
internal sealed class PollRecounts(BenchApp app, MovableClock clock, LoadRunner runner, TimeSpan totalsPeriod)
{
    public async Task<LoadSummary> MeasureAsync(string pollId, int seeded, int newVotes, int repeats, CancellationToken cancellationToken)
    {
        var vote = ViralOperations.Vote(app, pollId, "recount-" + pollId);
        var claimingRead = PollResultsOperations.Results(app, pollId, PollResultsOperations.Recount);
        var runs = new List<LoadRun>();
        long counted = seeded;
        for (var round = 1; round <= repeats; round++)
        {
            await runner.RunAsync(vote, newVotes, 8, cancellationToken);
            counted += newVotes;
            clock.Offset += totalsPeriod + TimeSpan.FromSeconds(1);
            var run = await runner.RunAsync(claimingRead, 1, 1, cancellationToken);
            runs.Add(run);
            Console.WriteLine(
                $"  {pollId} recount {round}/{repeats} after {newVotes:N0} new votes: {run.Elapsed.TotalMilliseconds:N0} ms, " +
                $"{run.RoundTrips} round trips in {run.Storage.Stages} stages, {run.Storage.EntitiesReturned:N0} entities returned");
            await PollResultsOperations.VerifyAsync(app, pollId, counted, cancellationToken);
        }

        return new LoadSummary(PollResultsOperations.Recount, 1, runs);
    }
}
