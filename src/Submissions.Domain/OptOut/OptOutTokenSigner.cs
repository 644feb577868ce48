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
/// Tokens do not expire — an unsubscribe link must keep working — but carry their issue time. Rotating the pepper
/// invalidates every token issued before.
/// </summary>
public sealed class OptOutTokenSigner
{
    public const byte Version = 1;

    /// <summary>How far in the future an issue time may lie (clock skew between instances) before a token is refused.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    private const int SubjectLength = 32;
    private const int IssuedAtLength = 8;
    private const int MacLength = 32;
    private const int HeaderLength = 1 + SubjectLength + IssuedAtLength;
    private const int MinScopeLength = 10; // "partner:" and a two-character id; "special-offers" is longer
    private const int MaxBytes = HeaderLength + OptOutScope.MaxLength + MacLength;

    /// <summary>The longest token text there can be; anything longer is refused before it is decoded.</summary>
    public static readonly int MaxTokenLength = Base64Url.GetEncodedLength(MaxBytes);

    private readonly byte[] key;

    public OptOutTokenSigner(byte[] pepper)
    {
        ArgumentNullException.ThrowIfNull(pepper);
        if (pepper.Length < 16)
        {
            throw new ArgumentException("The pepper must be at least 16 bytes.", nameof(pepper));
        }

        key = HMACSHA256.HashData(pepper, "submissions/opt-out-token/v1"u8);
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

        var issuedAt = BinaryPrimitives.ReadInt64BigEndian(bytes.Slice(1 + SubjectLength, IssuedAtLength));
        if (issuedAt < 0 || issuedAt > (now + FutureTolerance).ToUnixTimeSeconds())
        {
            return false;
        }

        var scopeBytes = bytes[HeaderLength..signed];
        if (!Ascii.IsValid(scopeBytes) || !OptOutScope.TryParse(Encoding.ASCII.GetString(scopeBytes), out var scope))
        {
            return false;
        }

        claim = new OptOutClaim(
            new SubjectKey(Convert.ToHexStringLower(bytes.Slice(1, SubjectLength))),
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
