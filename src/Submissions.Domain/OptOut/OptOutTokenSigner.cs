using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Submissions.Domain.Privacy;

namespace Submissions.Domain.OptOut;

/// <summary>
/// Issues and verifies stateless, signed one-click opt-out tokens. A token is base64url (no padding) of
/// <c>version (1 byte, 0x01) | subject key (32 bytes) | issued at (8 bytes, unix seconds, big-endian) | scope (ASCII)
/// | HMAC-SHA256 of everything before it (32 bytes)</c>, under a key derived from the pepper for this purpose alone.
/// A token handed to a third party (a partner's lead) is sealed instead (<see cref="IssueSealed"/>): version 0x02, the
/// same claim encrypted, so the partner holds no stable identifier of the person. Tokens do not expire — an
/// unsubscribe link must keep working — but carry their issue time. Rotating the pepper invalidates every token
/// issued before.
/// </summary>
public sealed class OptOutTokenSigner
{
    public const byte Version = 1;

    /// <summary>The sealed form: <c>0x02 | nonce (12) | AES-256-GCM of (subject key | issued at | scope) | tag (16)</c>.</summary>
    public const byte SealedVersion = 2;

    /// <summary>How far in the future an issue time may lie (clock skew between instances) before a token is refused.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    private const int SubjectLength = 32;
    private const int IssuedAtLength = 8;
    private const int MacLength = 32;
    private const int HeaderLength = 1 + SubjectLength + IssuedAtLength;
    private const int MinScopeLength = 10; // "partner:" and a two-character id; "special-offers" is longer
    private const int MaxBytes = HeaderLength + OptOutScope.MaxLength + MacLength;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int SealedOverhead = 1 + NonceLength + TagLength;

    /// <summary>The longest token text there can be; anything longer is refused before it is decoded.</summary>
    public static readonly int MaxTokenLength = Base64Url.GetEncodedLength(MaxBytes);

    private readonly byte[] key;
    private readonly byte[] sealKey;
    private readonly byte[] nonceKey;

    public OptOutTokenSigner(byte[] pepper)
    {
        ArgumentNullException.ThrowIfNull(pepper);
        if (pepper.Length < 16)
        {
            throw new ArgumentException("The pepper must be at least 16 bytes.", nameof(pepper));
        }

        key = HMACSHA256.HashData(pepper, "submissions/opt-out-token/v1"u8);
        sealKey = HMACSHA256.HashData(pepper, "submissions/opt-out-token/v2-seal"u8);
        nonceKey = HMACSHA256.HashData(pepper, "submissions/opt-out-token/v2-nonce"u8);
    }

    /// <summary>
    /// A sealed token for a link a third party passes on: the claim is encrypted, so two partners' links for one person
    /// share nothing, and two deliveries' links differ by their <paramref name="context"/> (the delivery id). The nonce
    /// is derived from the context and the claim, so issuing again for the same delivery gives the same token (a
    /// retried webhook carries the same body) and never reuses a nonce for another plaintext.
    /// </summary>
    /// <exception cref="ArgumentException">The subject key is not 64 lower-case hex characters.</exception>
    public string IssueSealed(SubjectKey subject, OptOutScope scope, DateTimeOffset issuedAt, string context)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentException.ThrowIfNullOrEmpty(context);
        if (!IsSubjectKey(subject.Value))
        {
            throw new ArgumentException("A subject key is 64 lower-case hex characters.", nameof(subject));
        }

        var claim = new byte[SubjectLength + IssuedAtLength + scope.Value.Length];
        Convert.FromHexString(subject.Value, claim.AsSpan(0, SubjectLength), out _, out _);
        BinaryPrimitives.WriteInt64BigEndian(claim.AsSpan(SubjectLength, IssuedAtLength), issuedAt.ToUnixTimeSeconds());
        Encoding.ASCII.GetBytes(scope.Value, claim.AsSpan(SubjectLength + IssuedAtLength));

        var token = new byte[SealedOverhead + claim.Length];
        token[0] = SealedVersion;
        var nonce = token.AsSpan(1, NonceLength);
        // The context's length first, so no two (context, claim) pairs give the same input.
        var contextBytes = Encoding.UTF8.GetBytes(context);
        var contextLength = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(contextLength, contextBytes.Length);
        byte[] derivedFrom = [.. contextLength, .. contextBytes, .. claim];
        HMACSHA256.HashData(nonceKey, derivedFrom).AsSpan(0, NonceLength).CopyTo(nonce);
        using var aes = new AesGcm(sealKey, TagLength);
        aes.Encrypt(nonce, claim, token.AsSpan(1 + NonceLength, claim.Length), token.AsSpan(token.Length - TagLength), [SealedVersion]);
        return Base64Url.EncodeToString(token);
    }

    /// <exception cref="ArgumentException">The subject key is not 64 lower-case hex characters.</exception>
    public string Issue(SubjectKey subject, OptOutScope scope, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!IsSubjectKey(subject.Value))
        {
            throw new ArgumentException("A subject key is 64 lower-case hex characters.", nameof(subject));
        }

        var scopeBytes = Encoding.ASCII.GetBytes(scope.Value);
        var token = new byte[HeaderLength + scopeBytes.Length + MacLength];
        token[0] = Version;
        Convert.FromHexString(subject.Value, token.AsSpan(1, SubjectLength), out _, out _);
        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(1 + SubjectLength, IssuedAtLength), now.ToUnixTimeSeconds());
        scopeBytes.CopyTo(token.AsSpan(HeaderLength));
        var signed = token.Length - MacLength;
        HMACSHA256.HashData(key, token.AsSpan(0, signed), token.AsSpan(signed));
        return Base64Url.EncodeToString(token);
    }

    /// <summary>
    /// True and the claim when the token is well-formed, signed with this pepper's opt-out key, and not issued more
    /// than <see cref="FutureTolerance"/> after <paramref name="now"/>. Any other input gives false — never an
    /// exception, and never a reason.
    /// </summary>
    public bool TryVerify(string? token, DateTimeOffset now, [NotNullWhen(true)] out OptOutClaim? claim)
    {
        claim = null;
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[MaxBytes];
        if (Base64Url.DecodeFromChars(token, bytes, out var consumed, out var written) != OperationStatus.Done || consumed != token.Length)
        {
            return false;
        }

        bytes = bytes[..written];
        if (bytes.Length > 0 && bytes[0] == SealedVersion)
        {
            return TryOpen(token, bytes, now, out claim);
        }

        if (bytes.Length < HeaderLength + MinScopeLength + MacLength || bytes[0] != Version || !IsCanonical(token, bytes))
        {
            return false;
        }

        var signed = bytes.Length - MacLength;
        Span<byte> expected = stackalloc byte[MacLength];
        HMACSHA256.HashData(key, bytes[..signed], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes[signed..]))
        {
            return false;
        }

        return TryRead(bytes[1..signed], now, out claim);
    }

    /// <summary>A sealed token: canonical, authentic under this pepper's seal key, and a valid claim inside.</summary>
    private bool TryOpen(string token, ReadOnlySpan<byte> bytes, DateTimeOffset now, [NotNullWhen(true)] out OptOutClaim? claim)
    {
        claim = null;
        var length = bytes.Length - SealedOverhead;
        if (length < SubjectLength + IssuedAtLength + MinScopeLength || length > SubjectLength + IssuedAtLength + OptOutScope.MaxLength
            || !IsCanonical(token, bytes))
        {
            return false;
        }

        Span<byte> opened = stackalloc byte[length];
        using var aes = new AesGcm(sealKey, TagLength);
        try
        {
            aes.Decrypt(bytes.Slice(1, NonceLength), bytes.Slice(1 + NonceLength, length), bytes[^TagLength..], opened, [SealedVersion]);
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        return TryRead(opened, now, out claim);
    }

    /// <summary>The claim of <c>subject key | issued at | scope</c>, when its time and scope are valid.</summary>
    private static bool TryRead(ReadOnlySpan<byte> content, DateTimeOffset now, [NotNullWhen(true)] out OptOutClaim? claim)
    {
        claim = null;
        var issuedAt = BinaryPrimitives.ReadInt64BigEndian(content.Slice(SubjectLength, IssuedAtLength));
        if (issuedAt < 0 || issuedAt > (now + FutureTolerance).ToUnixTimeSeconds())
        {
            return false;
        }

        var scopeBytes = content[(SubjectLength + IssuedAtLength)..];
        if (!Ascii.IsValid(scopeBytes) || !OptOutScope.TryParse(Encoding.ASCII.GetString(scopeBytes), out var scope))
        {
            return false;
        }

        claim = new OptOutClaim(
            new SubjectKey(Convert.ToHexStringLower(content[..SubjectLength])),
            scope,
            DateTimeOffset.FromUnixTimeSeconds(issuedAt));
        return true;
    }

    private static bool IsSubjectKey(string? value) =>
        value is { Length: SubjectLength * 2 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>
    /// Only the one encoding <see cref="Issue"/> produces: no padding, no whitespace, no stray bits in the last
    /// character — so a token has exactly one spelling and a changed character is a changed token.
    /// </summary>
    private static bool IsCanonical(string token, ReadOnlySpan<byte> bytes)
    {
        Span<char> encoded = stackalloc char[MaxTokenLength];
        return Base64Url.TryEncodeToChars(bytes, encoded, out var length) && encoded[..length].SequenceEqual(token);
    }
}
