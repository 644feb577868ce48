using System.Security.Cryptography;
using System.Text;

namespace Submissions.Domain.Privacy;

/// <summary>
/// The keyed hashes an Idempotency-Key record keeps: of the client's key (its row key) and of the request body (to tell
/// a retry from a reused key). Keyed — HMAC under pepper-derived keys, one per use — because a plain hash of a body that
/// holds an email, a name or a comment would let anyone who reads the table confirm a guessed submission, and a
/// client-chosen key may hold anything.
/// </summary>
public sealed class IdempotencyFingerprinter
{
    private readonly byte[] keyKey;
    private readonly byte[] requestKey;

    public IdempotencyFingerprinter(byte[] pepper)
    {
        ArgumentNullException.ThrowIfNull(pepper);
        if (pepper.Length < 16)
        {
            throw new ArgumentException("The pepper must be at least 16 bytes.", nameof(pepper));
        }

        keyKey = HMACSHA256.HashData(pepper, "submissions/idempotency-key/v1"u8);
        requestKey = HMACSHA256.HashData(pepper, "submissions/idempotency-request/v1"u8);
    }

    /// <summary>The Idempotency-Key header's value as stored: 64 hex characters.</summary>
    public string OfKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(HMACSHA256.HashData(keyKey, Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>The request body as stored with its key: 64 hex characters.</summary>
    public string OfRequest(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(HMACSHA256.HashData(requestKey, body));
}
