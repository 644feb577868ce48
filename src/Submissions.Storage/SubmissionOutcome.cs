using Submissions.Storage.Idempotency;

namespace Submissions.Storage;

/// <summary>What storing a submission came to. Every form's store answers with one of these.</summary>
public abstract record SubmissionOutcome
{
    private SubmissionOutcome()
    {
    }

    /// <summary>Stored now. <paramref name="NewRecord"/> is false when an existing record was updated (a re-registration).</summary>
    public sealed record Saved(StoredResponse Response, bool NewRecord = true) : SubmissionOutcome;

    /// <summary>A retry of a request already stored: its first response; nothing written.</summary>
    public sealed record Replayed(StoredResponse Response) : SubmissionOutcome;

    /// <summary>The Idempotency-Key was used before with a different body.</summary>
    public sealed record KeyReused : SubmissionOutcome;

    /// <summary>A uniqueness rule refused it (one vote per voter, one entry per person): nothing written.</summary>
    public sealed record Duplicate : SubmissionOutcome;
}
