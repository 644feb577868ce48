using Submissions.Storage.Exports;

namespace Submissions.Application.Exports;

/// <summary>
/// The built-in export kinds: the {kind} of GET manage/exports/{kind}. What can be exported is what is registered: each
/// form's exports (<see cref="Forms.FormRegistration.Exports"/>), then those that span forms.
/// </summary>
public static class ExportKinds
{
    public const string Registrations = ExportIndexKinds.Registrations;
    public const string Comments = ExportIndexKinds.Comments;
    public const string Votes = ExportIndexKinds.Votes;
    public const string PromotionEntries = ExportIndexKinds.PromotionEntries;
    public const string Consents = ExportIndexKinds.Consents;
    public const string Disclosures = ExportIndexKinds.Disclosures;
}
