namespace Submissions.Application.Exports;

/// <summary>
/// The built-in export kinds: the {kind} of GET manage/exports/{kind}. What can be exported is what is registered: each
/// form's exports (<see cref="Forms.FormRegistration.Exports"/>), then those that span forms.
/// </summary>
public static class ExportKinds
{
    public const string Registrations = "registrations";
    public const string Comments = "comments";
    public const string Votes = "votes";
    public const string PromotionEntries = "promotion-entries";
    public const string Consents = "consents";
    public const string Disclosures = "disclosures";
}
