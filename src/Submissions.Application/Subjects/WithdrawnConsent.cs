namespace Submissions.Application.Subjects;

public sealed record WithdrawnConsent(string LabelId, int Version);
