using Submissions.Storage.Forms;
using Submissions.Storage.Polls;

namespace Submissions.Application.Subjects;

/// <summary>A vote in its voter's access bundle (the one kept by their email), naming its poll whichever vote partition holds it.</summary>
public sealed record VoteRecord(string PollId, string? VoteId, string? OptionId, DateTimeOffset? CreatedAt, string? ReceiptId)
{
    public static VoteRecord From(StoredRecord row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(VotePartitions.PollIdOf(row.Partition), row.GetString("VoteId"), row.GetString("OptionId"), row.CreatedAt, row.ReceiptId);
    }
}
