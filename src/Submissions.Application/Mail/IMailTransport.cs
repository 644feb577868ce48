namespace Submissions.Application.Mail;

/// <summary>Hands one mail to the configured relay (<see cref="SmtpMailTransport"/>).</summary>
public interface IMailTransport
{
    /// <summary>
    /// Returns once the relay accepted the mail; throws <see cref="MailTransportException"/> when it did not (a caller's
    /// cancellation stays an <see cref="OperationCanceledException"/>).
    /// </summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
