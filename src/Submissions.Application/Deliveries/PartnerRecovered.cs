namespace Submissions.Application.Deliveries;

/// <summary>The answer to a recover: how many leads and notices were owed again; <see cref="More"/>: call again for the rest.</summary>
public sealed record PartnerRecovered(string PartnerId, DateTimeOffset Since, int LeadsOwed, int NoticesOwed, bool More);
