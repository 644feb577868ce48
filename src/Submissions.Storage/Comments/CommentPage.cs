namespace Submissions.Storage.Comments;

/// <summary>
/// A page of comments and the token for the next one. <paramref name="TokenRefused"/>: storage refused the client's
/// continuation token (its bad input, not storage trouble), so there is no page.
/// </summary>
public sealed record CommentPage(IReadOnlyList<StoredComment> Comments, string? ContinuationToken, bool TokenRefused = false);
