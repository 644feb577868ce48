using System.Security.Cryptography;
using System.Text;

namespace Submissions.Domain.Privacy;

/// <summary>
/// How the audit log refers to a person: a keyed hash of their subject key, under its own pepper-derived key. Given an
/// email, an auditor can recompute it and find every admin read of that person's data; the log itself holds neither
/// the email nor the subject key. It stays linkable to whoever holds the pepper and the email, on purpose: who read or
/// erased a person's data is kept for accountability after the erasure.
/// </summary>
public sealed class AuditReferenceHasher
{
    private readonly byte[] key;

    public AuditReferenceHasher(byte[] pepper)
    {
        ArgumentNullException.ThrowIfNull(pepper);
        if (pepper.Length < 16)
        {
            throw new ArgumentException("The pepper must be at least 16 bytes.", nameof(pepper));
        }

        key = HMACSHA256.HashData(pepper, "submissions/audit-reference/v1"u8);
    }

    public string For(SubjectKey subject) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(subject.Value)))[..24];
}
