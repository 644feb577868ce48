namespace Submissions.Application.Subjects;

/// <summary>One person's signed links for a mail: the one-click opt-out of special offers with its headers, and the preference centre until it expires.</summary>
public sealed record SubjectLinks(Uri OptOutUrl, string ListUnsubscribe, string ListUnsubscribePost, Uri PreferencesUrl, DateTimeOffset PreferencesExpireAt);
