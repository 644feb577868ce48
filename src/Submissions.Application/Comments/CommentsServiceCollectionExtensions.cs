using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Forms;

namespace Submissions.Application.Comments;

internal static class CommentsServiceCollectionExtensions
{
    /// <summary>The comment form and its moderation.</summary>
    public static IServiceCollection AddComments(this IServiceCollection services)
    {
        services.AddSingleton<SubmitCommentHandler>();
        services.AddSingleton<CommentListingCache>();
        services.AddSingleton<ListPageCommentsHandler>();
        services.AddSingleton<ListCommentsForModerationHandler>();
        services.AddSingleton<ModerateCommentHandler>();
        // Its place among the forms is its place in every list: access bundle, erasure report, export kinds.
        return services.AddSubmissionsForm(CommentForm.Registration);
    }
}
