namespace Submissions.Application.Comments;

public sealed record ModerationCommentsResponse(string Status, IReadOnlyList<ModerationComment> Comments, string? ContinuationToken);
