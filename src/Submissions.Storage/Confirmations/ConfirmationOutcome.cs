namespace Submissions.Storage.Confirmations;

/// <summary>What confirming a pending submission came to.</summary>
public abstract record ConfirmationOutcome
{
    private ConfirmationOutcome()
    {
    }

    /// <summary>It took effect now; <paramref name="DeliveryId"/> is the delivery it owes its partner, if any.</summary>
    public sealed record Applied(DateTimeOffset ConfirmedAt, string? DeliveryId) : ConfirmationOutcome;

    /// <summary>It had been confirmed before (a repeated click): nothing changed.</summary>
    public sealed record AlreadyConfirmed(ConfirmationRecord Record) : ConfirmationOutcome;

    /// <summary>The person already had a confirmed entry in the promotion: this one was dropped, recorded as such.</summary>
    public sealed record AlreadyEntered : ConfirmationOutcome;

    /// <summary>Nothing is waiting under that id: never stored, expired, or erased.</summary>
    public sealed record NotFound : ConfirmationOutcome;
}
