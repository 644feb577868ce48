using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>Generated hostile requests to POST promotions/{promotionId}/entries, GET promotions/{promotionId} and GET consent-labels.</summary>
public sealed class PromotionFuzzTests(AzuriteFixture azurite)
{
    [Fact]
    public Task Hostile_entries_promotion_reads_and_label_reads_are_refused_cleanly_and_store_nothing() =>
        FuzzSession.RunAsync(azurite, seed: 0x5EED_0004, FuzzEndpoint.PromotionEntries, FuzzEndpoint.PromotionGet, FuzzEndpoint.ConsentLabels);
}
