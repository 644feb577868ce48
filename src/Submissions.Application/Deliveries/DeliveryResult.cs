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

    /// <summary>The partner failed transiently: the next attempt is scheduled (<see cref="DeliveryOptions.RetrySchedule"/>).</summary>
    RetryScheduled,

    /// <summary>The partner is paused: the lead waits for an admin's resume, its retries unspent.</summary>
    Paused,

    /// <summary>An earlier lead of the same person to the same partner is still owed: this one waits behind it.</summary>
    Held,

    /// <summary>A stray copy of the message, before the delivery's next attempt is due: ignored.</summary>
    NotYetDue,
}
