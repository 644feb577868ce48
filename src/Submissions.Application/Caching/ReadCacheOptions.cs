namespace Submissions.Application.Caching;

/// <summary>
/// Bound from "ReadCache": how long an instance serves a public read from memory before storage sees it again. Each
/// is the staleness a reader may see, documented in docs/scaling.md; 0 turns that cache off (tests that read their own
/// writes at once).
/// </summary>
public sealed class ReadCacheOptions
{
    public const string SectionName = "ReadCache";

    /// <summary>A poll's results (GET polls/{pollId}/results).</summary>
    public double PollResultsSeconds { get; set; } = 5;

    /// <summary>
    /// A poll's definition as the vote form checks it (exists, open, has the option): a poll closed on another instance
    /// may take votes on this one for up to this long. The instance that saves a poll drops its own copy at once.
    /// </summary>
    public double PollDefinitionSeconds { get; set; } = 5;

    /// <summary>
    /// How old a poll's stored totals may be before a results read recounts its vote partitions (one instance at a time;
    /// the others serve the stored totals meanwhile). Results lag votes by at most this plus <see cref="PollResultsSeconds"/>.
    /// </summary>
    public double PollTotalsSeconds { get; set; } = 5;

    /// <summary>
    /// How long the read that claimed a recount waits for it (a quarter of a second) before it answers with the stored
    /// totals like the others; the recount then finishes on its own. On Table Storage a recount is one parallel stage of
    /// small reads and ends well within it; the budget caps the read's latency when storage is slow.
    /// </summary>
    public double PollRecountWaitMilliseconds { get; set; } = 250;

    /// <summary>A page's approved comments (GET comments?pageId=).</summary>
    public double CommentListingSeconds { get; set; } = 10;

    /// <summary>A promotion's definition, as the entry form and GET promotions/{promotionId} read it.</summary>
    public double PromotionSeconds { get; set; } = 30;

    /// <summary>
    /// A partner's definition (webhook URL, fields, active), as a lead delivery reads it: deactivating a partner or
    /// narrowing its fields reaches every instance within this period. Never used to refuse a delivery.
    /// </summary>
    public double PartnerSeconds { get; set; } = 10;
}
