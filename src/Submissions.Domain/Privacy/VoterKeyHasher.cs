using System.Security.Cryptography;
using System.Text;

namespace Submissions.Domain.Privacy;

/// <summary>
/// Keys a voter token per poll: HMAC under a pepper-derived key of poll id and token. The same token gives unrelated
/// keys in different polls, so stored votes cannot be joined across polls by token.
/// </summary>
public sealed class VoterKeyHasher
{
    private readonly byte[] key;

    public VoterKeyHasher(byte[] pepper)
    {
        ArgumentNullException.ThrowIfNull(pepper);
        if (pepper.Length < 16)
        {
            throw new ArgumentException("The pepper must be at least 16 bytes.", nameof(pepper));
        }

        key = HMACSHA256.HashData(pepper, "submissions/voter-token/v1"u8);
    }

    public string For(string pollId, string voterToken)
    {
        ArgumentNullException.ThrowIfNull(pollId);
        ArgumentNullException.ThrowIfNull(voterToken);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{pollId}\n{voterToken}")))[..40];
    }
}
