using Submissions.Application.Forms;

namespace Submissions.Application.Registrations;

/// <summary>
/// 201 body: this registration's own id and the consent receipt that proves what was agreed. The same shape, fresh
/// values, for a new and a known email, so the answer reveals neither membership nor the first registration's time.
/// </summary>
public sealed record RegistrationResponse(string Id, ConsentReceiptView Receipt);
