using Submissions.Application.Forms;

namespace Submissions.Application.Comments;

/// <summary>201 body of a comment submission.</summary>
public sealed record CommentSubmittedResponse(string Id, string Status, ConsentReceiptView Receipt);
