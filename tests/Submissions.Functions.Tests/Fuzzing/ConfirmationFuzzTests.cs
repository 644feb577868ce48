using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>Generated hostile requests to GET and POST confirm, the link of a confirmation mail (FuzzPlan has the count).</summary>
public sealed class ConfirmationFuzzTests(AzuriteFixture azurite)
{
    [Fact]
    public Task Hostile_confirmation_links_are_refused_cleanly_and_store_nothing() =>
        FuzzSession.RunAsync(azurite, seed: 0x5EED_0006, FuzzEndpoint.ConfirmGet, FuzzEndpoint.ConfirmPost);
}
