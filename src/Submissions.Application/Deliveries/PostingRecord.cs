using Submissions.Storage.Deliveries;

namespace Submissions.Application.Deliveries;

/// <summary>What an owed row says earlier attempts were about to post: kept so an attempt that posts nothing can put it back.</summary>
internal sealed record PostingRecord(DateTimeOffset? FirstPostedAt, string? FieldNames, string? Consents, string? PayloadSha256)
{
    public static PostingRecord Of(OwedDelivery owed) => new(owed.FirstPostedAt, owed.FieldNames, owed.Consents, owed.PayloadSha256);

    public void RestoreOn(OwedDelivery owed) =>
        (owed.FirstPostedAt, owed.FieldNames, owed.Consents, owed.PayloadSha256) = (FirstPostedAt, FieldNames, Consents, PayloadSha256);
}
