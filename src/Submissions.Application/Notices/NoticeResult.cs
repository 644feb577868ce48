namespace Submissions.Application.Notices;

/// <summary>How one processing of a notice message ended.</summary>
public enum NoticeResult
{
    Delivered,
    AlreadyDone,
    NotFound,
    FailedPermanently,

    /// <summary>The partner failed transiently: the next attempt is scheduled.</summary>
    RetryScheduled,

    /// <summary>The partner is paused: the notice waits for an admin's resume, its retries unspent.</summary>
    Paused,

    /// <summary>A lead the notice is about is still owed: the notice waits behind it.</summary>
    Held,

    /// <summary>A stray copy of the message, before the notice's next attempt is due: ignored.</summary>
    NotYetDue,
}
