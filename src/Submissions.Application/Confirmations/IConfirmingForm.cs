using Submissions.Storage.Confirmations;

namespace Submissions.Application.Confirmations;

/// <summary>
/// A form whose submissions wait for their owner's confirmation (registration, promotion entry): what confirming does
/// to its records, and how a confirmation mail describes a submission in words.
/// </summary>
public interface IConfirmingForm
{
    /// <summary>The form kind its pending submissions carry.</summary>
    string Kind { get; }

    /// <summary>Makes the submission take effect, and sends whatever it then owes (a partner delivery's message).</summary>
    Task<ConfirmationOutcome> ConfirmAsync(PendingSubmission pending, string method, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>What the person submitted, in words, one line each ("Display name: Ada").</summary>
    Task<SubmissionSummary> DescribeAsync(PendingSubmission pending, CancellationToken cancellationToken);
}
