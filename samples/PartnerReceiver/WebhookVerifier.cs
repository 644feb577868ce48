using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PartnerReceiver;

/// <summary>
/// Verifies a Standard Webhooks request: <c>webhook-signature</c> holds one or more <c>v1,base64</c> signatures of
/// <c>"{webhook-id}.{webhook-timestamp}.{body}"</c> under HMAC-SHA256 with the secret (<c>whsec_</c> + base64), and the
/// timestamp must be within a tolerance of now, so a captured request cannot be replayed later.
/// Headers that are not even well formed (missing, not a number, out of any date's range, a garbled signature list) are
/// <see cref="VerificationResult.MalformedHeaders"/> — answered 400 — and must never throw: whoever can reach the
/// endpoint chooses these values.
/// </summary>
public sealed class WebhookVerifier
{
    /// <summary>The largest Unix time a <see cref="DateTimeOffset"/> can hold (9999-12-31T23:59:59Z).</summary>
    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

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
            return VerificationResult.MalformedHeaders;
        }

        // An id is one token of visible ASCII: a comma or a space means a list (the header sent twice), not an id.
        if (webhookId.Length > 256 || webhookId.Any(c => c is <= ' ' or > '~' or ','))
        {
            return VerificationResult.MalformedHeaders;
        }

        // Digits only (no sign, no spaces), and a second a date can hold: FromUnixTimeSeconds throws beyond that.
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > MaxUnixSeconds)
        {
            return VerificationResult.MalformedHeaders;
        }

        if (!TryParseSignatures(signatures, out var candidates))
        {
            return VerificationResult.MalformedHeaders;
        }

        var sent = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((time.GetUtcNow() - sent).Duration() > tolerance)
        {
            return VerificationResult.BadTimestamp;
        }

        var signed = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.").Concat(body.ToArray()).ToArray();
        var expected = HMACSHA256.HashData(key, signed);
        foreach (var candidate in candidates)
        {
            if (CryptographicOperations.FixedTimeEquals(expected, candidate))
            {
                return VerificationResult.Valid;
            }
        }

        return VerificationResult.BadSignature;
    }

    /// <summary>
    /// A space-separated list of <c>version,signature</c> entries. Every entry must have both parts; a <c>v1</c> entry
    /// must be the base64 of 32 bytes. Entries of other versions (e.g. <c>v1a</c>) are well formed and skipped.
    /// </summary>
    private static bool TryParseSignatures(string header, out List<byte[]> candidates)
    {
        candidates = [];
        foreach (var entry in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split(',');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                return false;
            }

            if (parts[0] == "v1")
            {
                var bytes = new byte[32];
                if (!Convert.TryFromBase64String(parts[1], bytes, out var written) || written != 32 || parts[1].Length != 44)
                {
                    return false;
                }

                candidates.Add(bytes);
            }
        }

        return candidates.Count > 0 || header.Trim().Length > 0;
    }
}

public enum VerificationResult
{
    Valid,

    /// <summary>A header is missing, repeated or not well formed: a 400, never a 500.</summary>
    MalformedHeaders,

    /// <summary>A well-formed timestamp too far from now: a 401 (a replay, or a clock far off).</summary>
    BadTimestamp,

    /// <summary>Well-formed signatures, none of which matches: a 401.</summary>
    BadSignature,
}
