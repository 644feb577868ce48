namespace Submissions.Application.ConsentLabels;

/// <summary>A page of labels in id order, and the token of the next page (null on the last).</summary>
public sealed record ConsentLabelsPage(IReadOnlyList<ConsentLabelHistoryView> Labels, string? ContinuationToken);
