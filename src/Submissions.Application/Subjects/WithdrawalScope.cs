using Submissions.Domain.Consent;
using Submissions.Storage.Ledger;

namespace Submissions.Application.Subjects;

/// <summary>Which of a person's consents a withdrawal covers, judged on the ledger record of each.</summary>
public sealed record WithdrawalScope(string Name, Func<ConsentRecord, bool> Covers)
{
    /// <summary>Every consent except acceptance of terms, which is not a consent one withdraws but a contract one leaves.</summary>
    public static WithdrawalScope AllConsents { get; } = new("all", record => record.Purpose != ConsentPurpose.Terms);

    public static WithdrawalScope SpecialOffers { get; } = new(ConsentPurpose.SpecialOffers, record => record.Purpose == ConsentPurpose.SpecialOffers);

    public static WithdrawalScope SharingWith(string partnerId) =>
        new($"partner:{partnerId}", record => record.Purpose == ConsentPurpose.PartnerSharing && record.PartnerId == partnerId);

    public static WithdrawalScope Label(string labelId) => new($"label:{labelId}", record => record.LabelId == labelId);

    /// <summary>Some labels at once (the preference centre's unticked boxes); never acceptance of terms.</summary>
    public static WithdrawalScope Labels(IReadOnlySet<string> labelIds)
    {
        ArgumentNullException.ThrowIfNull(labelIds);
        return new($"labels:{labelIds.Count}", record => labelIds.Contains(record.LabelId) && record.Purpose != ConsentPurpose.Terms);
    }
}
