using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>Generated hostile requests to POST and GET opt-out, GET health and the CORS preflight (OPTIONS under /api).</summary>
public sealed class OptOutFuzzTests(AzuriteFixture azurite)
{
    [Fact]
    public Task Hostile_opt_out_links_health_probes_and_preflights_are_refused_cleanly_and_store_nothing() =>
        FuzzSession.RunAsync(azurite, seed: 0x5EED_0005, FuzzEndpoint.OptOutPost, FuzzEndpoint.OptOutGet, FuzzEndpoint.Health, FuzzEndpoint.Preflight);

    [Fact]
    public Task Hostile_preference_centre_links_and_bodies_are_refused_cleanly_and_store_only_their_own_change() =>
        FuzzSession.RunAsync(azurite, seed: 0x5EED_0011, FuzzEndpoint.PreferencesPost, FuzzEndpoint.PreferencesGet);
}
