namespace Submissions.Storage.Statistics;

/// <summary>One label's answers on one day on a form (withdrawals are not answers): granted, declined, on which forms.</summary>
public sealed record LabelDay(string LabelId, long Granted, long Declined, IReadOnlyList<string> Forms);
