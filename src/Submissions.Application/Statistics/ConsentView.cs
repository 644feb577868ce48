namespace Submissions.Application.Statistics;

public sealed record ConsentView(string LabelId, CountView Granted, CountView Declined, CountView Answered, double? GrantRate);
