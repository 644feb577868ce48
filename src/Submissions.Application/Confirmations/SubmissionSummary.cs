namespace Submissions.Application.Confirmations;

/// <summary>A submission in words, for its confirmation mail: what it was ("Your registration") and its values, one line each.</summary>
public sealed record SubmissionSummary(string What, IReadOnlyList<string> Lines)
{
    // It holds a person's values: printed, it shows none of them.
    public override string ToString() => nameof(SubmissionSummary);
}
