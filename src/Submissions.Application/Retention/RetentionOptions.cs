namespace Submissions.Application.Retention;

/// <summary>Bound from "Retention": how long each kind of data is kept before the daily purge removes it.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>A comment still pending moderation this many days after it was sent is deleted.</summary>
    public int UnmoderatedCommentDays { get; set; } = 30;

    /// <summary>A promotion's entries, deliveries and ledger are deleted this many days after it ends.</summary>
    public int PromotionEntryGraceDays { get; set; } = 30;

    /// <summary>
    /// Idempotency records older than this are deleted: long enough to outlast any client's retries (a week), short
    /// enough that stored responses do not pile up.
    /// </summary>
    public int IdempotencyHours { get; set; } = 168;

    /// <summary>
    /// Export jobs and their files are deleted this many hours after the job was queued: a file of personal data is a
    /// copy made for one download, not a second store.
    /// </summary>
    public int ExportFileHours { get; set; } = 24;
}
