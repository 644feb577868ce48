using Submissions.Storage.Partners;

namespace Submissions.Application.Partners;

/// <summary>
/// How a partner's webhook has been answering: <c>healthy</c>, <c>failing</c> (failures in a row, not yet paused) or
/// <c>paused</c> (its leads and notices wait until POST manage/partners/{partnerId}/resume).
/// </summary>
public sealed record PartnerHealthView(
    string State, int Failures, DateTimeOffset? FailingSince, DateTimeOffset? LastFailureAt, DateTimeOffset? PausedAt, bool OnProbation)
{
    public static PartnerHealthView From(PartnerHealth health)
    {
        ArgumentNullException.ThrowIfNull(health);
        var state = health.IsPaused ? "paused" : health.Failures > 0 ? "failing" : "healthy";
        return new(state, health.Failures, health.FailingSince, health.LastFailureAt, health.PausedAt, health.OnProbation);
    }
}
