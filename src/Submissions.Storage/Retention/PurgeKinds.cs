namespace Submissions.Storage.Retention;

/// <summary>The retention purges, as named in the purge report's Kind column.</summary>
public static class PurgeKinds
{
    /// <summary>Comments still pending moderation after the configured age; counts comments.</summary>
    public const string UnmoderatedComments = "unmoderated-comments";

    /// <summary>Entries of promotions that ended more than the grace period ago; counts entries.</summary>
    public const string PromotionEntries = "promotion-entries";

    /// <summary>Idempotency records older than the configured age, in every table that holds them; counts records.</summary>
    public const string IdempotencyRecords = "idempotency-records";

    /// <summary>Submissions never confirmed by the owner of their email, past their expiry.</summary>
    public const string UnconfirmedSubmissions = "unconfirmed-submissions";

    /// <summary>Self-service privacy requests never confirmed, past their link's expiry; counts requests.</summary>
    public const string PrivacyRequests = "privacy-requests";

    /// <summary>Export jobs past their age, each with its file; counts jobs.</summary>
    public const string ExportFiles = "export-files";

    /// <summary>The random client-address salts of UTC days that have ended; counts salts (one per day).</summary>
    public const string ClientSalts = "client-salts";
}
