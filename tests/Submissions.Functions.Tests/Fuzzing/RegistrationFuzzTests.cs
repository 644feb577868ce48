using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>Generated hostile requests to POST registrations (FuzzPlan has the count).</summary>
public sealed class RegistrationFuzzTests(AzuriteFixture azurite)
{
    [Fact]
    public Task Hostile_registrations_are_refused_cleanly_and_store_nothing() =>
        FuzzSession.RunAsync(azurite, seed: 0x5EED_0001, FuzzEndpoint.Registrations);
}
