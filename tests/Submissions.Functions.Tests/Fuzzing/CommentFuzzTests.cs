using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>Generated hostile requests to POST comments and GET pages/{pageId}/comments.</summary>
public sealed class CommentFuzzTests(AzuriteFixture azurite)
{
    [Fact]
    public Task Hostile_comments_and_listings_are_refused_cleanly_and_store_nothing() =>
        FuzzSession.RunAsync(azurite, seed: 0x5EED_0002, FuzzEndpoint.Comments, FuzzEndpoint.PageComments);
}
