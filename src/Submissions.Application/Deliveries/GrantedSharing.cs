using Submissions.Domain.Consent;

namespace Submissions.Application.Deliveries;

/// <summary>A partner-sharing label version the person's newest answer granted, with the receipt of that answer.</summary>
internal sealed record GrantedSharing(ConsentLabel Label, string ReceiptId);
