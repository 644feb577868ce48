using Submissions.Application.Exports;
using Submissions.Application.Forms;
using Submissions.Application.Retention;
using Submissions.Application.Subjects;
using Submissions.Storage.Promotions;

namespace Submissions.Application.Promotions;

/// <summary>The promotion entry form as access, erasure, exports and retention see it.</summary>
public static class PromotionEntryForm
{
    public static FormRegistration Registration { get; } = new(PromotionEntryFormStorage.Definition)
    {
        Access = new FormAccessSection("promotionEntries", PromotionEntryRecord.From),
        ConsentSource = "promotion",
        ConsentSourceId = PromotionPartitions.PromotionIdOf,
        ErasureCount = "promotionEntries",
        Exports = [FormRegistration.Create<PromotionEntryExport>()],
        Purges = [FormRegistration.Create<PromotionEntryPurge>()],
    };
}
