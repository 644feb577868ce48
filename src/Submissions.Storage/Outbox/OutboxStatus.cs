namespace Submissions.Storage.Outbox;

/// <summary>An outbox row's life: owed → delivered | failed (dead letter) | stopped (nothing may be sent any more).</summary>
public static class OutboxStatus
{
    public const string Owed = "owed";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    /// <summary>
    /// Nothing may be sent any more: consent was withdrawn or the person erased (LastError says which). Stored as
    /// "withdrawn", the word every stopped row has carried, so old rows and new ones read alike.
    /// </summary>
    public const string Stopped = "withdrawn";

    /// <summary>The stored value of <see cref="Stopped"/> under its first name.</summary>
    public const string Withdrawn = Stopped;
}
