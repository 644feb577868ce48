using Submissions.Application.Forms;

namespace Submissions.Application.Registrations;

/// <summary>
/// 201 body: this registration's own id, <c>awaiting-confirmation</c>, and the consent receipt of what was answered. The same shape, fresh
/// values, for a new and a known email, so the answer reveals neither membership nor the first registration's time.
/// </summary>
public sealed record RegistrationResponse(string Id, string Status, ConsentReceiptView Receipt);
