using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Submissions.Application.Http;
using Submissions.Application.Links;
using Submissions.Domain.Links;
using Submissions.Domain.OptOut;
using Submissions.Domain.Privacy;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>Starts an app for a fuzz run and gives it the world the generators aim at (<see cref="FuzzWorld"/>).</summary>
public static class FuzzSetup
{
    public static async Task<(TestApp App, FuzzWorld World, int MaxBodyBytes)> StartAsync(AzuriteFixture azurite)
    {
        ArgumentNullException.ThrowIfNull(azurite);

        // The rate limit is a 429 before the body is read: lifted, so every case reaches the code behind it. Some origins
        // are allowed, so the CORS middleware every answer passes through has something to grant or refuse.
        var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["RateLimits:PermitsPerWindow"] = "1000000",
            ["Cors:AllowedOrigins"] = string.Join(", ", FuzzWorld.AllowedOrigins),
        });
        var now = app.Time.GetUtcNow();
        Assert.Equal(201, (await app.PutPollAsync(FuzzWorld.ClosedPoll, PollForms.Definition("closed"))).Status);
        foreach (var pollId in FuzzWorld.OpenPolls.Skip(1))
        {
            Assert.Equal(201, (await app.PutPollAsync(pollId, PollForms.Definition("open", [.. FuzzWorld.PollOptions]))).Status);
        }

        foreach (var promotionId in FuzzWorld.OpenPromotions.Skip(1))
        {
            Assert.Equal(201, (await app.PutPromotionAsync(promotionId, LikeTheDemo(now.AddDays(-1), now.AddYears(1)))).Status);
        }

        Assert.Equal(201, (await app.PutPromotionAsync(FuzzWorld.EndedPromotion, PromotionForms.Promotion(startsAt: now.AddYears(-2), endsAt: now.AddYears(-1)))).Status);
        Assert.Equal(201, (await app.PutPromotionAsync(FuzzWorld.FuturePromotion, PromotionForms.Promotion(startsAt: now.AddYears(1), endsAt: now.AddYears(2)))).Status);

        // Approved comments on the first page, so that a listing has continuation tokens to hand out.
        var page = FuzzWorld.Pages[0];
        for (var i = 0; i < 3; i++)
        {
            var posted = await app.PostCommentAsync(CommentForms.Body(page, $"Approved comment number {i}.", $"Approved Commenter {i}"));
            Assert.Equal(200, (await app.ModerateAsync(posted.Json.GetProperty("id").GetString()!, approve: true)).Status);
        }

        var tokens = new List<string>();
        var listing = await app.ListCommentsAsync(page, "?pageSize=1");
        while (listing.Json.TryGetProperty("continuationToken", out var token) && token.GetString() is { } next)
        {
            tokens.Add(next);
            listing = await app.ListCommentsAsync(page, "?pageSize=1&continuationToken=" + Uri.EscapeDataString(next));
        }

        // People with special offers granted: an opt-out link for them withdraws something.
        var subjects = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var email = RegistrationForms.NewEmail();
            Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(email, consents: RegistrationForms.Consents(offers: true)))).Status);
            subjects.Add(app.SubjectOf(email).Value);
        }

        var signer = app.Services.GetRequiredService<OptOutTokenSigner>();
        var links = app.Services.GetRequiredService<SignedLinks>();
        var world = new FuzzWorld
        {
            ContinuationTokens = tokens,
            RegisteredSubjects = subjects,
            IssueOptOutToken = (subject, scope, skew) => signer.Issue(new SubjectKey(subject), scope, app.Time.GetUtcNow() + skew),
            IssueConfirmationToken = (id, validFor) => links.Signer(LinkPurpose.Confirmation).Issue(id, app.Time.GetUtcNow() + validFor),
            IssueOtherPurposeToken = (id, validFor) => links.Signer(LinkPurpose.PrivacyRequest).Issue(id, app.Time.GetUtcNow() + validFor),
            IssuePreferencesToken = (subject, validity) => app.Services.GetRequiredService<SignedLinks>().Signer(LinkPurpose.Preferences).Issue(Convert.FromHexString(subject), app.Time.GetUtcNow() + validity),
        };
        return (app, world, app.Services.GetRequiredService<IOptions<FormOptions>>().Value.MaxBodyBytes);
    }

    /// <summary>A promotion defined as the demo one is: the demo partner, its optional sharing label, one answer field.</summary>
    private static object LikeTheDemo(DateTimeOffset startsAt, DateTimeOffset endsAt) => new
    {
        title = "A fuzzed promotion",
        partner = "demo-partner",
        sharingLabels = new[] { "demo-partner-sharing" },
        requiresSharing = false,
        fields = new[] { new { name = "answer", required = true, maxLength = 200 } },
        startsAt,
        endsAt,
    };
}
