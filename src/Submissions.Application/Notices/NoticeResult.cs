namespace Submissions.Application.Notices;

/// <summary>How one processing of a notice message ended.</summary>
public enum NoticeResult
{
    Delivered,
    AlreadyDone,
    NotFound,
    FailedPermanently,
}
