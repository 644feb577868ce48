namespace Submissions.Application.Partners;

/// <summary>A page of partners in id order, and the token of the next page (null on the last).</summary>
public sealed record PartnersPage(IReadOnlyList<PartnerDetailsView> Partners, string? ContinuationToken);
