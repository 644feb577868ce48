using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Submissions.Domain.Links;

/// <summary>
/// Signs and verifies the expiring links sent in mail (confirm a submission, open the preference centre, confirm or
/// download a privacy request). A token is base64url (no padding) of <c>version (0x01) | id (fixed length per purpose)
/// | expires at (8 bytes, unix seconds, big-endian) | HMAC-SHA256 of everything before it</c>, under a key derived from
/// the pepper for its <see cref="LinkPurpose"/> alone: a token made for one purpose never verifies for another.
/// </summary>
public sealed class LinkTokenSigner
{
    public const byte Version = 1;

    private const int ExpiresLength = 8;
    private const int MacLength = 32;

    private readonly byte[] key;

    public LinkTokenSigner(byte[] pepper, LinkPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(pepper);
        ArgumentNullException.ThrowIfNull(purpose);
        if (pepper.Length < 16)
        {
            throw new ArgumentException("The pepper must be at least 16 bytes.", nameof(pepper));
        }

        Purpose = purpose;
        key = HMACSHA256.HashData(pepper, Encoding.ASCII.GetBytes($"submissions/link-token/{purpose.Name}/v1"));
    }

    public LinkPurpose Purpose { get; }

    private int Length => 1 + Purpose.IdLength + ExpiresLength + MacLength;

    /// <summary>The longest token text this signer accepts; anything longer is refused before it is decoded.</summary>
    public int MaxTokenLength => Base64Url.GetEncodedLength(Length);

    /// <exception cref="ArgumentException">The id is not <see cref="LinkPurpose.IdLength"/> bytes.</exception>
    public string Issue(ReadOnlySpan<byte> id, DateTimeOffset expiresAt)
    {
        if (id.Length != Purpose.IdLength)
        {
            throw new ArgumentException($"A {Purpose.Name} link names an id of {Purpose.IdLength} bytes.", nameof(id));
        }

        var token = new byte[Length];
        token[0] = Version;
        id.CopyTo(token.AsSpan(1));
        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(1 + id.Length, ExpiresLength), expiresAt.ToUnixTimeSeconds());
        HMACSHA256.HashData(key, token.AsSpan(0, Length - MacLength), token.AsSpan(Length - MacLength));
        return Base64Url.EncodeToString(token);
    }

    /// <summary>
    /// The id and expiry of a well-formed token signed with this purpose's key, whether or not it has expired (the
    /// caller says "expired" differently from "not a link"); null for anything else — never an exception or a reason.
    /// </summary>
    public LinkClaim? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length != MaxTokenLength)
        {
            return null;
        }

        var bytes = new byte[Length];
        if (Base64Url.DecodeFromChars(token, bytes, out var consumed, out var written) != OperationStatus.Done
            || consumed != token.Length || written != Length || bytes[0] != Version
            || Base64Url.EncodeToString(bytes) != token)
        {
            return null;
        }

        Span<byte> expected = stackalloc byte[MacLength];
        HMACSHA256.HashData(key, bytes.AsSpan(0, Length - MacLength), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(Length - MacLength)))
        {
            return null;
        }

        var expires = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1 + Purpose.IdLength, ExpiresLength));
        return expires is < 0 or > 253402300799
            ? null
            : new LinkClaim(bytes.AsSpan(1, Purpose.IdLength).ToArray(), DateTimeOffset.FromUnixTimeSeconds(expires));
    }
}
