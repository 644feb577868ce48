using PartnerReceiver;
using Submissions.Application.Partners;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Deliveries;

/// <summary>
/// Issue 19, secret rotation: with the new secret added beside the old one, every delivery is signed with both, so a
/// partner verifying with either — before or after it switches — accepts every lead, and removing the old one loses
/// nothing. A setting with an unusable secret among them refuses to sign, as one unusable secret does.
/// </summary>
public sealed class SigningSecretRotationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task During_a_rotation_a_partner_verifying_with_the_old_or_the_new_secret_accepts_every_lead()
    {
        var (old, next) = (TestApp.NewSigningSecret(), TestApp.NewSigningSecret());
        foreach (var partnerSecret in new[] { old, next })
        {
            await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
            {
                [PartnerSettings.SigningSecret("demo-partner")] = $"{old} {next}",
            });
            await using var receiver = await TestReceiver.StartAsync(partnerSecret, app.Time);
            await app.PointDemoPartnerAtAsync(receiver.Url);
            await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true, name: "Ada", fields: new { answer = "Green" }));

            Assert.Equal(1, await app.DeliverAllAsync());

            var webhook = Assert.Single(receiver.Received);
            Assert.Equal(VerificationResult.Valid, webhook.Verification);
            Assert.Equal(2, webhook.Signature.Split(' ').Length);
            Assert.All(webhook.Signature.Split(' '), entry => Assert.StartsWith("v1,", entry, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task After_the_old_secret_is_removed_a_partner_on_the_new_one_still_accepts_and_one_on_the_old_one_refuses()
    {
        var (old, next) = (TestApp.NewSigningSecret(), TestApp.NewSigningSecret());
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
        {
            [PartnerSettings.SigningSecret("demo-partner")] = next,
        });
        await using var switched = await TestReceiver.StartAsync(next, app.Time);
        await using var stale = await TestReceiver.StartAsync(old, app.Time);

        await app.PointDemoPartnerAtAsync(switched.Url);
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true, name: "Ada", fields: new { answer = "Green" }));
        Assert.Equal(1, await app.DeliverAllAsync());
        Assert.Equal(VerificationResult.Valid, Assert.Single(switched.Received).Verification);

        await app.PointDemoPartnerAtAsync(stale.Url);
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true, name: "Grace", fields: new { answer = "Blue" }));
        await app.DeliverAllAsync();
        Assert.NotEqual(VerificationResult.Valid, Assert.Single(stale.Received).Verification);
    }
}
