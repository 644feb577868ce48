namespace Submissions.Functions.Tests.Forms;

/// <summary>A signature about to be stored, in the petition's partition.</summary>
public sealed record NewSignature(string PetitionId, string SignatureId, string SubjectKey, string Email, string Name, DateTimeOffset CreatedAt)
{
    /// <summary>One signature per person and petition: the row key is the signer's key.</summary>
    public string RowKey => SignatureStore.RowKeyFor(SubjectKey);
}
