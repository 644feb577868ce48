using Submissions.Domain.Consent;
using Submissions.Domain.Forms;

namespace Submissions.Domain.Comments;

/// <summary>The comment form as posted. The email is optional: it lets a moderator's decision reach the person, and them
/// reach their data.</summary>
public sealed record CommentRequest(
    string? PageId,
    string? DisplayName,
    string? Email,
    string? Text,
    IReadOnlyList<ConsentAnswerInput?>? Consents,
    string? Website) : IFormRequest, IConsentingForm
{
    // It holds a person's values: printed (by a log, an exception, a debugger display) it shows none of them.
    public override string ToString() => nameof(CommentRequest);
}
