namespace Submissions.Domain.Statistics;

/// <summary>Answers to one label on forms in the range; the rate is granted / answered, only from published counts.</summary>
public sealed record ConsentRate(string LabelId, long? Granted, long? Declined, long? Answered, double? GrantRate);
