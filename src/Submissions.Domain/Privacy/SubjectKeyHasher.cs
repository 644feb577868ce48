using System.Security.Cryptography;
using System.Text;

namespace Submissions.Domain.Privacy;

/// <summary>Derives subject keys from email addresses with a secret pepper, so keys cannot be reversed by guessing emails.</summary>
public sealed class SubjectKeyHasher
{
    private readonly byte[] key;

    public SubjectKeyHasher(byte[] pepper)
    {
        ArgumentNullException.ThrowIfNull(pepper);
        if (pepper.Length < 16)
        {
            throw new ArgumentException("The subject key pepper must be at least 16 bytes.", nameof(pepper));
        }

        // A purpose-bound key, so the same pepper can later derive unrelated keys (opt-out tokens, IP salts).
        key = HMACSHA256.HashData(pepper, "submissions/subject-key/v1"u8);
    }

    public SubjectKey For(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(NormalizeEmail(email)));
        return new SubjectKey(Convert.ToHexStringLower(mac));
    }

    /// <summary>
    /// Trim, Unicode NFC, lower case. Provider-specific rules (dots or +tags in Gmail) are deliberately not applied:
    /// they would merge addresses that other providers treat as different people.
    /// </summary>
    public static string NormalizeEmail(string email) =>
        email.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();
}
