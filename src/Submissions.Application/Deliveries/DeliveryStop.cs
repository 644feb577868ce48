namespace Submissions.Application.Deliveries;

/// <summary>Why a delivery was stopped before sending: the word kept on its row and in the log, and what the attempt reports.</summary>
internal sealed record DeliveryStop(string Reason, DeliveryResult Result)
{
    public static DeliveryStop ConsentWithdrawn { get; } = new("consent-withdrawn", DeliveryResult.ConsentWithdrawn);

    public static DeliveryStop SubjectErased { get; } = new("subject-erased", DeliveryResult.SubjectErased);
}
