using Submissions.Application.Forms;

namespace Submissions.Application.Registrations;

/// <summary>201 body: the member id and the consent receipt that proves what was agreed.</summary>
public sealed record RegistrationResponse(string Id, ConsentReceiptView Receipt);
