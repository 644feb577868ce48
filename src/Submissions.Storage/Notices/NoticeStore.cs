using Azure;

namespace Submissions.Storage.Notices;

/// <summary>The notices owed or sent to partners (<see cref="NoticeEntity"/>).</summary>
public sealed class NoticeStore(SubmissionsTables tables)
{
    /// <summary>
    /// Adds an owed notice. Notice ids are derived from what caused them (a withdrawal's receipt, an erasure's time),
    /// so a repeated withdrawal or a re-run erasure finds its notice already there: false, nothing changed.
    /// </summary>
    public async Task<bool> TryAddAsync(NoticeEntity notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        try
        {
            await tables.Notices.AddEntityAsync(notice, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<NoticeEntity?> GetAsync(string partnerId, string noticeId, CancellationToken cancellationToken)
    {
        var row = await tables.Notices.GetEntityIfExistsAsync<NoticeEntity>(partnerId, noticeId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value : null;
    }
}
