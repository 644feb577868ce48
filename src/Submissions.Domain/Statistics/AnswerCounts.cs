namespace Submissions.Domain.Statistics;

/// <summary>Answers to one label on one day.</summary>
public sealed record AnswerCounts(long Granted, long Declined)
{
    public static AnswerCounts None { get; } = new(0, 0);

    public long Answered => Granted + Declined;
}
