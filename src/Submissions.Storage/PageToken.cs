using System.Buffers.Text;
using System.Text;
using Azure;

namespace Submissions.Storage;

/// <summary>
/// The continuation token handed to clients: the storage SDK's own token, base64url-wrapped so it is opaque and
/// URL-safe, and checked on the way back in so a forged token is a 400 rather than a storage error — syntactically
/// here, and by <see cref="IsRefused"/> for a well-formed one the service cannot use.
/// </summary>
public static class PageToken
{
    public static string? Encode(string? storageToken) =>
        storageToken is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(storageToken));

    public static bool TryDecode(string? token, out string? storageToken)
    {
        storageToken = null;
        if (token is null)
        {
            return true;
        }

        // The contract says one character at least: an empty token is a client that lost the one it was given.
        if (token.Length == 0 || token.Length > 2048 || !Base64Url.IsValid(token))
        {
            return false;
        }

        storageToken = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        return storageToken.Length > 0 && storageToken.All(c => c is >= ' ' and <= '~');
    }

    /// <summary>
    /// True when storage refused a query that carried a client's token (400, as Azure Table Storage answers a
    /// continuation it cannot use): the client's bad input, not storage trouble.
    /// </summary>
    public static bool IsRefused(Exception exception, string? storageToken) =>
        storageToken is not null && exception is RequestFailedException { Status: 400 };
}
