namespace Submissions.Application.Subjects;

/// <summary>A notice owed to one partner, as reported to the admin or the person.</summary>
public sealed record NoticeView(string PartnerId, string NoticeId, string Type);
