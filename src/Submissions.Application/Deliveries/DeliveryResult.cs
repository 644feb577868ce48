namespace Submissions.Application.Deliveries;

/// <summary>How one processing of a delivery message ended.</summary>
public enum DeliveryResult
{
    Delivered,
    AlreadyDone,
    NotFound,

    /// <summary>Stopped before sending: the consent it rested on was withdrawn.</summary>
    ConsentWithdrawn,

    FailedPermanently,

    /// <summary>Stopped before sending: the person was erased after the entry was made.</summary>
    SubjectErased,
}
