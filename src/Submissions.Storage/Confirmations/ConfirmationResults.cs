namespace Submissions.Storage.Confirmations;

/// <summary>What confirming a pending submission came to, as its confirmation record keeps it.</summary>
public static class ConfirmationResults
{
    /// <summary>The submission took effect.</summary>
    public const string Applied = "applied";

    /// <summary>The person had already entered the promotion with a confirmed entry: this one was dropped.</summary>
    public const string AlreadyEntered = "already-entered";
}
