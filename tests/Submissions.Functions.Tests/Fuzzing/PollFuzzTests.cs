using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>Generated hostile requests to POST polls/{pollId}/votes and GET polls/{pollId}/results.</summary>
public sealed class PollFuzzTests(AzuriteFixture azurite)
{
    [Fact]
    public Task Hostile_votes_and_result_reads_are_refused_cleanly_and_store_nothing() =>
        FuzzSession.RunAsync(azurite, seed: 0x5EED_0003, FuzzEndpoint.Votes, FuzzEndpoint.PollResults);
}
