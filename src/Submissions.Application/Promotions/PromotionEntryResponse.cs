using Submissions.Application.Forms;

namespace Submissions.Application.Promotions;

/// <summary>201 body of an entry: its id and the consent receipt.</summary>
public sealed record PromotionEntryResponse(string Id, string PromotionId, ConsentReceiptView Receipt);
