namespace Submissions.Storage.Exports;

/// <summary>
/// The export kinds, by the {kind} of GET manage/exports/{kind}; the first part of an index partition
/// (<see cref="ExportDayIndexStore"/>) for those the day index covers.
/// </summary>
public static class ExportIndexKinds
{
    public const string Registrations = "registrations";
    public const string Comments = "comments";
    public const string Votes = "votes";
    public const string PromotionEntries = "promotion-entries";
    public const string Consents = "consents";
    public const string Disclosures = "disclosures";

    /// <summary>
    /// The kinds whose rows are written when they are stamped, so a finished day's rows are all there once its grace is
    /// over. Not promotion entries (an entry is written when it is confirmed, up to Confirmation:ExpiryDays after the
    /// CreatedAt it carries) nor disclosures (DisclosedAt moves with each delivery attempt): those are always scanned.
    /// </summary>
    public static IReadOnlyList<string> Indexed { get; } = [Registrations, Comments, Votes, Consents];
}
