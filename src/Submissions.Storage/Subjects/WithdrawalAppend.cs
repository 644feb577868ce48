namespace Submissions.Storage.Subjects;

/// <summary>How appending a withdrawal to the person's own partition went.</summary>
public enum WithdrawalAppend
{
    /// <summary>Written, or nothing was left to write.</summary>
    Committed,

    /// <summary>The member row changed since it was read (a re-registration): nothing was written; read again and redo.</summary>
    Conflict,
}
