namespace Submissions.Application.PrivacyRequests;

/// <summary>What confirming a request did.</summary>
public enum PrivacyRequestConfirmation
{
    /// <summary>No such request any more, or its link expired unconfirmed.</summary>
    Gone,

    /// <summary>An access request confirmed (now or before): the download link's mail is owed.</summary>
    Confirmed,

    /// <summary>An erasure request confirmed and the erasure complete: the last mail is owed.</summary>
    Erased,

    /// <summary>An erasure request confirmed but the erasure not finished yet (another run holds the person, or a submission may be in flight): it finishes on a repeat or before the last mail.</summary>
    ErasureInProgress,

    /// <summary>Completed before: nothing changed.</summary>
    AlreadyDone,
}
