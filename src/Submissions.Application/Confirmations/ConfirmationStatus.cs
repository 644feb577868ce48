namespace Submissions.Application.Confirmations;

/// <summary>The <c>status</c> of a 201 for a submission that waits for its owner's confirmation.</summary>
public static class ConfirmationStatus
{
    /// <summary>Stored; a confirmation mail is on its way to the address given; nothing agreed to applies until it is confirmed.</summary>
    public const string Awaiting = "awaiting-confirmation";
}
