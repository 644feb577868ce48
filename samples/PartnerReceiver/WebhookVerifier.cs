using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PartnerReceiver;

/// <summary>
/// Verifies a Standard Webhooks request: <c>webhook-signature</c> holds one or more <c>v1,base64</c> signatures of
/// <c>"{webhook-id}.{webhook-timestamp}.{body}"</c> under HMAC-SHA256 with the secret (<c>whsec_</c> + base64), and the
/// timestamp must be within a tolerance of now, so a captured request cannot be replayed later.
/// </summary>
public sealed class WebhookVerifier
{
    private readonly byte[] key;
    private readonly TimeSpan tolerance;
    private readonly TimeProvider time;

    public WebhookVerifier(string secret, TimeSpan? tolerance = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!secret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            throw new ArgumentException("A Standard Webhooks secret starts with 'whsec_'.", nameof(secret));
        }

        key = Convert.FromBase64String(secret["whsec_".Length..]);
        this.tolerance = tolerance ?? TimeSpan.FromMinutes(5);
        this.time = time ?? TimeProvider.System;
    }

    public VerificationResult Verify(string? webhookId, string? timestamp, string? signatures, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(webhookId) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
        {
            return VerificationResult.MissingHeaders;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return VerificationResult.BadTimestamp;
        }

        var sent = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((time.GetUtcNow() - sent).Duration() > tolerance)
        {
            return VerificationResult.BadTimestamp;
        }

        var signed = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.").Concat(body.ToArray()).ToArray();
        var expected = HMACSHA256.HashData(key, signed);
        foreach (var candidate in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = candidate.Split(',', 2);
            if (parts.Length == 2 && parts[0] == "v1" && TryDecode(parts[1], out var actual)
                && CryptographicOperations.FixedTimeEquals(expected, actual))
            {
                return VerificationResult.Valid;
            }
        }

        return VerificationResult.BadSignature;
    }

    private static bool TryDecode(string base64, out byte[] bytes)
    {
        bytes = new byte[32];
        return Convert.TryFromBase64String(base64, bytes, out var written) && written == 32;
    }
}

public enum VerificationResult
{
    Valid,
    MissingHeaders,
    BadTimestamp,
    BadSignature,
}
