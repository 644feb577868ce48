using System.Buffers.Text;
using System.Text;
using System.Text.RegularExpressions;

namespace Submissions.Storage.Comments;

/// <summary>A comment's public id: its page and row key, base64url-encoded, so a moderator's action is one point read.</summary>
public static partial class CommentIds
{
    private const char Separator = '|';

    public static string Encode(string pageId, string rowKey) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{pageId}{Separator}{rowKey}"));

    public static bool TryDecode(string? commentId, out string pageId, out string rowKey)
    {
        pageId = rowKey = string.Empty;
        if (string.IsNullOrEmpty(commentId) || commentId.Length > 512 || !Base64Url.IsValid(commentId))
        {
            return false;
        }

        // An id is client input: both parts must have exactly the shape this app writes before they reach storage.
        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(commentId)).Split(Separator);
        if (parts.Length != 2 || !Domain.Comments.CommentValidator.IsValidPageId(parts[0]) || !RowKeyRegex().IsMatch(parts[1]))
        {
            return false;
        }

        (pageId, rowKey) = (parts[0], parts[1]);
        return true;
    }

    [GeneratedRegex("^comment~[0-9]{19}~[0-9a-f]{32}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex RowKeyRegex();
}
