using Microsoft.Extensions.DependencyInjection;

namespace Submissions.Application.Comments;

internal static class CommentsServiceCollectionExtensions
{
    /// <summary>The comment form and its moderation.</summary>
    public static IServiceCollection AddComments(this IServiceCollection services)
    {
        services.AddSingleton<SubmitCommentHandler>();
        services.AddSingleton<ListPageCommentsHandler>();
        services.AddSingleton<ListCommentsForModerationHandler>();
        services.AddSingleton<ModerateCommentHandler>();
        return services;
    }
}
