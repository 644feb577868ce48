using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Submissions.Domain.Delivery;

/// <summary>
/// Standard Webhooks signing: <c>webhook-signature: v1,base64(HMAC-SHA256(secret, "{id}.{timestamp}.{body}"))</c>, the
/// secret given as <c>whsec_</c> + base64.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static bool TryParseSecret(string? configured, out byte[] key)
    {
        key = [];
        if (configured is null || !configured.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            key = Convert.FromBase64String(configured[SecretPrefix.Length..]);
            return key.Length >= 16;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static string Sign(byte[] key, string webhookId, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(key);
        var prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{webhookId}.{timestamp.ToUnixTimeSeconds()}."));
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }
}
