namespace Submissions.Application.Mail;

/// <summary>
/// One mail to send: the recipient, the rendered parts and the Message-Id ("{id}@{domain of Mail__From}", without angle
/// brackets), which stays the same on every retry so a receiver can tell a repeat. Prints none of its values: the
/// address and the body are personal.
/// </summary>
public sealed record OutgoingMail(string To, string Subject, string TextBody, string HtmlBody, string MessageId)
{
    public override string ToString() => nameof(OutgoingMail);
}
