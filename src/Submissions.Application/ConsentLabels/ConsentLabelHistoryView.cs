namespace Submissions.Application.ConsentLabels;

/// <summary>One label with every version it has had, oldest first: the texts people were shown, and when each was in force.</summary>
public sealed record ConsentLabelHistoryView(string LabelId, IReadOnlyList<ConsentLabelVersionView> Versions);
