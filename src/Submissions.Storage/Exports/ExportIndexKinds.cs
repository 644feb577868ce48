namespace Submissions.Storage.Exports;

/// <summary>
/// The export kinds the day index covers, by the {kind} of GET manage/exports/{kind}: each is the first part of its
/// index partitions (<see cref="ExportDayIndexStore"/>).
/// </summary>
public static class ExportIndexKinds
{
    public const string Registrations = "registrations";
    public const string Comments = "comments";
    public const string Votes = "votes";
    public const string PromotionEntries = "promotion-entries";
    public const string Consents = "consents";
    public const string Disclosures = "disclosures";
}
