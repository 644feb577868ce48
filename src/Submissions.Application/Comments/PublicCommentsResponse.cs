namespace Submissions.Application.Comments;

public sealed record PublicCommentsResponse(IReadOnlyList<PublicComment> Comments, string? ContinuationToken);
