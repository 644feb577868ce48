namespace Submissions.Domain.PrivacyRequests;

/// <summary>The body of POST privacy-requests: whose data (an email) and what to do with it; <c>website</c> is the honeypot.</summary>
public sealed record PrivacyRequestBody(string? Email, string? Kind, string? Website = null)
{
    // It holds a person's values: printed (by a log, an exception, a debugger display) it shows none of them.
    public override string ToString() => nameof(PrivacyRequestBody);
}
