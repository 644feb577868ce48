namespace Submissions.Application.Http;

/// <summary>
/// The closed set of problem <c>type</c>s the API answers, one per kind of problem (not per status): clients branch on
/// these, never on <c>title</c> or <c>detail</c>, which may be reworded. Each is listed with its meaning in
/// docs/problems.md and in docs/openapi.yaml (<c>ProblemType</c>); a test holds both to this class.
/// </summary>
public static class ProblemTypes
{
    public const string Prefix = "urn:submissions:problem:";

    /// <summary>400: fields or consent answers are wrong; <c>errors</c> and <c>codes</c> say which and why.</summary>
    public const string ValidationFailed = Prefix + "validation-failed";

    /// <summary>400: the body is empty, not JSON, not an object, or has a value of the wrong type.</summary>
    public const string MalformedBody = Prefix + "malformed-body";

    /// <summary>400: the submission was refused as automated (the honeypot field was filled); nothing was stored.</summary>
    public const string SubmissionRejected = Prefix + "submission-rejected";

    /// <summary>400: an opt-out link that is not valid (tampered, truncated or for another purpose).</summary>
    public const string InvalidLink = Prefix + "invalid-link";

    /// <summary>401: an admin route without a signed-in principal.</summary>
    public const string Unauthorized = Prefix + "unauthorized";

    /// <summary>A link from a mail that verified but is past its validity (410): submit again, or ask for a new link.</summary>
    public const string LinkExpired = Prefix + "link-expired";

    /// <summary>403: a signed-in principal that may not manage submissions.</summary>
    public const string Forbidden = Prefix + "forbidden";

    /// <summary>404: no such poll, promotion, comment or delivery.</summary>
    public const string NotFound = Prefix + "not-found";

    /// <summary>409: the same submission (same person, same target) was already stored.</summary>
    public const string DuplicateSubmission = Prefix + "duplicate-submission";

    /// <summary>409: the promotion does not accept entries now (not started, ended, or without an active sharing label).</summary>
    public const string PromotionClosed = Prefix + "promotion-closed";

    /// <summary>409: the poll is closed.</summary>
    public const string PollClosed = Prefix + "poll-closed";

    /// <summary>409: an admin change lost a race with another change of the same thing; retry it.</summary>
    public const string ConcurrentChange = Prefix + "concurrent-change";

    /// <summary>409: the export job has not produced its file (queued, running, or failed); its status says which.</summary>
    public const string ExportNotReady = Prefix + "export-not-ready";

    /// <summary>413: the body is larger than the limit.</summary>
    public const string PayloadTooLarge = Prefix + "payload-too-large";

    /// <summary>415: the body is not UTF-8 JSON.</summary>
    public const string UnsupportedMediaType = Prefix + "unsupported-media-type";

    /// <summary>422: the Idempotency-Key was already used with a different request.</summary>
    public const string IdempotencyKeyReused = Prefix + "idempotency-key-reused";

    /// <summary>429: too many submissions from this client; wait <c>Retry-After</c> seconds.</summary>
    public const string RateLimited = Prefix + "rate-limited";

    /// <summary>503: storage did not answer; retry after <c>Retry-After</c> (a form with the same Idempotency-Key).</summary>
    public const string StorageUnavailable = Prefix + "storage-unavailable";

    /// <summary>500: an unexpected error; quote the trace id.</summary>
    public const string InternalError = Prefix + "internal-error";
}
