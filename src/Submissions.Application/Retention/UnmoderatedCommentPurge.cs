using Microsoft.Extensions.Options;
using Submissions.Storage.Retention;

namespace Submissions.Application.Retention;

/// <summary>Comments still pending moderation past their age (the comment form's purge).</summary>
public sealed class UnmoderatedCommentPurge(CommentRetention comments, IOptions<RetentionOptions> options) : IRetentionPurge
{
    public string Kind => PurgeKinds.UnmoderatedComments;

    public int Order => RetentionOrder.FormRecords;

    public DateTimeOffset CutoffFor(DateTimeOffset ranAt) => ranAt.AddDays(-options.Value.UnmoderatedCommentDays);

    public Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => comments.PurgePendingBeforeAsync(cutoff, cancellationToken);
}
