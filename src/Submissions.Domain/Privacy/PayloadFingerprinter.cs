using System.Security.Cryptography;

namespace Submissions.Domain.Privacy;

/// <summary>
/// A keyed hash of a delivered payload, to prove later what was sent without keeping it. Keyed (HMAC under a
/// pepper-derived key), because a plain hash of a body holding only an email would let anyone confirm a guessed email.
/// </summary>
public sealed class PayloadFingerprinter
{
    private readonly byte[] key;

    public PayloadFingerprinter(byte[] pepper)
    {
        ArgumentNullException.ThrowIfNull(pepper);
        if (pepper.Length < 16)
        {
            throw new ArgumentException("The pepper must be at least 16 bytes.", nameof(pepper));
        }

        key = HMACSHA256.HashData(pepper, "submissions/payload-fingerprint/v1"u8);
    }

    public string Of(ReadOnlySpan<byte> payload) => Convert.ToHexStringLower(HMACSHA256.HashData(key, payload));
}
