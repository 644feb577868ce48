namespace Submissions.Domain.Statistics;

/// <param name="LabelId">The label.</param>
/// <param name="AnswersByDay">Answers granting and declining it, per UTC day.</param>
/// <param name="Forms">The forms the label was answered on, in the range or by its catalog definition.</param>
public sealed record ConsentCounts(string LabelId, IReadOnlyDictionary<DateOnly, AnswerCounts> AnswersByDay, IReadOnlyCollection<string> Forms);
