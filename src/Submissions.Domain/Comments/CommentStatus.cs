namespace Submissions.Domain.Comments;

/// <summary>A comment is pending until a moderator approves or rejects it; only approved comments are ever listed.</summary>
public static class CommentStatus
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    public static bool IsKnown(string? status) => status is Pending or Approved or Rejected;
}
