using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Exports;
using Submissions.Application.Retention;
using Submissions.Application.Subjects;
using Submissions.Storage.Forms;

namespace Submissions.Application.Forms;

/// <summary>
/// The four built-in forms, registered like any other. The registration lives in the person's own partition: it has no
/// access section (the bundle's "registration" is its member row) and counts its one member row.
/// </summary>
public static class BuiltInForms
{
    public static FormRegistration Registration { get; } = new(BuiltInFormStorage.Registration)
    {
        ErasureCount = "registration",
        ConsentSource = ConsentExport.SubjectSource,
        CountErased = snapshot => snapshot.Member is null ? 0 : 1,
        Exports = [FormRegistration.Create<RegistrationExport>()],
    };

    public static FormRegistration Comment { get; } = new(BuiltInFormStorage.Comment)
    {
        Access = new FormAccessSection("comments", CommentRecord.From),
        ConsentSource = "page",
        ErasureCount = "comments",
        Exports = [FormRegistration.Create<CommentExport>()],
        Purges = [FormRegistration.Create<UnmoderatedCommentPurge>()],
    };

    public static FormRegistration Vote { get; } = new(BuiltInFormStorage.Vote)
    {
        Access = new FormAccessSection("votes", VoteRecord.From),
        ConsentSource = "poll",
        ErasureCount = "votes",
        Exports = [FormRegistration.Create<VoteExport>()],
    };

    public static FormRegistration PromotionEntry { get; } = new(BuiltInFormStorage.PromotionEntry)
    {
        Access = new FormAccessSection("promotionEntries", PromotionEntryRecord.From),
        ConsentSource = "promotion",
        ErasureCount = "promotionEntries",
        Exports = [FormRegistration.Create<PromotionEntryExport>()],
        Purges = [FormRegistration.Create<PromotionEntryPurge>()],
    };

    /// <summary>Registers the four, in the order they appear in access bundles, erasure reports and the export kinds.</summary>
    public static IServiceCollection AddBuiltInForms(this IServiceCollection services) =>
        services.AddSubmissionsForm(Registration).AddSubmissionsForm(Comment).AddSubmissionsForm(Vote).AddSubmissionsForm(PromotionEntry);
}
