using Submissions.Application.Subjects;

namespace Submissions.Application.OptOut;

/// <summary>The JSON answer to a one-click opt-out: what it covered and what it withdrew (nothing when repeated).</summary>
public sealed record OptOutResponse(string Status, string Scope, IReadOnlyList<WithdrawnConsent> Withdrawn, string? ReceiptId);
