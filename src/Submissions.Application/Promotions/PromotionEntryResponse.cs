using Submissions.Application.Forms;

namespace Submissions.Application.Promotions;

/// <summary>201 body of an entry: its id, <c>awaiting-confirmation</c>, and the consent receipt of what was answered.</summary>
public sealed record PromotionEntryResponse(string Id, string PromotionId, string Status, ConsentReceiptView Receipt);
