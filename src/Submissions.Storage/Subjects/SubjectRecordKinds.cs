namespace Submissions.Storage.Subjects;

/// <summary>
/// The record kinds of the built-in forms. Not a list of what exists: a form registers its own kind with its
/// <see cref="Forms.FormStorage"/>; erasure follows whatever kind an index row names, access lists the registered ones.
/// </summary>
public static class SubjectRecordKinds
{
    public const string Comment = "comment";
    public const string Vote = "vote";
    public const string PromotionEntry = "promotion-entry";
}
