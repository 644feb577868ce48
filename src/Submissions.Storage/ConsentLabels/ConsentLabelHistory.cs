using Azure;
using Submissions.Domain.Consent;

namespace Submissions.Storage.ConsentLabels;

/// <summary>All versions of a label, oldest first. A change planned from it is conditional on its latest row being unchanged.</summary>
public sealed record ConsentLabelHistory(IReadOnlyList<ConsentLabel> Versions)
{
    internal ETag LatestETag { get; init; }
}
