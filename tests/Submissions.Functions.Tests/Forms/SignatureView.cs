using Submissions.Storage.Forms;

namespace Submissions.Functions.Tests.Forms;

/// <summary>A signature as its signer's access bundle shows it.</summary>
public sealed record SignatureView(string PetitionId, string? SignatureId, string? Name, string? Email, DateTimeOffset? CreatedAt, string? ReceiptId)
{
    public static SignatureView From(StoredRecord row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.Partition, row.GetString("SignatureId"), row.GetString("Name"), row.GetString("Email"), row.CreatedAt, row.ReceiptId);
    }
}
