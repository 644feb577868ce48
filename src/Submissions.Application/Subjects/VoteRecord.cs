using Submissions.Storage.Forms;

namespace Submissions.Application.Subjects;

/// <summary>A vote in its voter's access bundle (the one kept by their email).</summary>
public sealed record VoteRecord(string PollId, string? VoteId, string? OptionId, DateTimeOffset? CreatedAt, string? ReceiptId)
{
    public static VoteRecord From(StoredRecord row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.Partition, row.GetString("VoteId"), row.GetString("OptionId"), row.CreatedAt, row.ReceiptId);
    }
}
