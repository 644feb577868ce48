namespace Submissions.Application.Exports;

/// <summary>What can be exported: the {kind} of GET manage/exports/{kind}.</summary>
public static class ExportKinds
{
    public const string Registrations = "registrations";
    public const string Comments = "comments";
    public const string Votes = "votes";
    public const string PromotionEntries = "promotion-entries";
    public const string Consents = "consents";
    public const string Disclosures = "disclosures";

    public static IReadOnlyList<string> All { get; } = [Registrations, Comments, Votes, PromotionEntries, Consents, Disclosures];
}
