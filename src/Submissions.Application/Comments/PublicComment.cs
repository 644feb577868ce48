using Submissions.Storage.Comments;

namespace Submissions.Application.Comments;

/// <summary>What the public listing shows: no email, and the name only where its public display was granted.</summary>
public sealed record PublicComment(string Id, string? DisplayName, string Text, DateTimeOffset CreatedAt)
{
    public static PublicComment From(StoredComment comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return new(comment.Id, comment.ShowName ? comment.DisplayName : null, comment.Text, comment.CreatedAt);
    }
}
