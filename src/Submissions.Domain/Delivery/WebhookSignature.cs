using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Submissions.Domain.Delivery;

/// <summary>
/// Standard Webhooks signing: <c>webhook-signature: v1,base64(HMAC-SHA256(secret, "{id}.{timestamp}.{body}"))</c>, the
/// secret given as <c>whsec_</c> + base64. A partner may have several secrets at once (a rotation: the new one added, the
/// partner switches, the old one removed): the setting then lists them separated by spaces, and every request carries a
/// signature by each, space-separated in the one header, as the standard allows — a receiver accepts any that matches.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    /// <summary>The most secrets one partner may have at once: the old and the new, with room for one more mid-rotation.</summary>
    public const int MaxSecrets = 3;

    /// <summary>
    /// Every secret of a setting that lists one to <see cref="MaxSecrets"/>, separated by whitespace; false when any is
    /// unusable (a secret that does not parse is a misconfiguration, not one to skip quietly).
    /// </summary>
    public static bool TryParseSecrets(string? configured, out IReadOnlyList<byte[]> keys)
    {
        keys = [];
        var parts = configured?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (parts.Length is 0 or > MaxSecrets)
        {
            return false;
        }

        var parsed = new List<byte[]>(parts.Length);
        foreach (var part in parts)
        {
            if (!TryParseSecret(part, out var key))
            {
                return false;
            }

            parsed.Add(key);
        }

        keys = parsed;
        return true;
    }

    /// <summary>The header value: one <c>v1,</c> signature per key, in the order configured, space-separated.</summary>
    public static string SignAll(IReadOnlyList<byte[]> keys, string webhookId, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var signatures = new string[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            signatures[i] = Sign(keys[i], webhookId, timestamp, body);
        }

        return string.Join(' ', signatures);
    }

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
