using Submissions.Application.Forms;

namespace Submissions.Functions.Tests.Forms;

/// <summary>201 body of a signature: its id, the petition, and the consent receipt every form returns.</summary>
public sealed record SignatureSubmittedResponse(string SignatureId, string PetitionId, ConsentReceiptView Receipt);
