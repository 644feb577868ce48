using Submissions.Domain.Forms;
using Submissions.Storage.Forms;
using Submissions.Storage.Subjects;

namespace Submissions.Storage.Promotions;

/// <summary>Where promotion entries live: by promotion in Promotions, each indexed in the entrant's partition.</summary>
public static class PromotionEntryFormStorage
{
    public static FormStorage Definition { get; } = new(FormKind.Promotion, SubjectRecordKinds.PromotionEntry, [SubmissionsTables.PromotionsName]);
}
