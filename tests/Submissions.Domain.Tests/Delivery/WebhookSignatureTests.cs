using System.Text;
using Submissions.Domain.Delivery;

namespace Submissions.Domain.Tests.Delivery;

/// <summary>Several secrets during a rotation: each parsed, each signing, in one header.</summary>
public sealed class WebhookSignatureTests
{
    private const string First = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Second = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    private static readonly DateTimeOffset Timestamp = DateTimeOffset.FromUnixTimeSeconds(1_614_265_330);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"test": 2432232314}""");

    [Fact]
    public void One_secret_signs_as_the_standard_webhooks_test_vector_does()
    {
        Assert.True(WebhookSignature.TryParseSecrets(First, out var keys));

        // The Standard Webhooks specification's example: this id, timestamp, body and secret give this signature.
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.SignAll(keys, "msg_p5jXN8AQM9LWM0D4loKWxJek", Timestamp, Body));
    }

    [Fact]
    public void Several_secrets_sign_once_each_in_the_order_configured_space_separated()
    {
        Assert.True(WebhookSignature.TryParseSecrets($"  {First}   {Second} ", out var keys));
        Assert.True(WebhookSignature.TryParseSecret(First, out var first));
        Assert.True(WebhookSignature.TryParseSecret(Second, out var second));

        var header = WebhookSignature.SignAll(keys, "msg_1", Timestamp, Body);

        Assert.Equal(WebhookSignature.Sign(first, "msg_1", Timestamp, Body) + " " + WebhookSignature.Sign(second, "msg_1", Timestamp, Body), header);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(First + " not-a-secret")]
    [InlineData(First + " whsec_c2hvcnQ=")]
    [InlineData(First + " " + Second + " " + First + " " + Second)]
    public void A_setting_with_no_secret_too_many_or_any_unusable_one_is_refused(string? configured)
    {
        Assert.False(WebhookSignature.TryParseSecrets(configured, out var keys));
        Assert.Empty(keys);
    }
}
