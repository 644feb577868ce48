using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace Submissions.Application.Mail;

/// <summary>
/// Sends each mail over its own SMTP connection (MailKit): connect with the configured security, authenticate only when
/// a user name is set, send, quit. A connection per mail is deliberate: mail is low volume (one per confirmation or
/// request) and each send runs in its own queue-triggered invocation, so a pooled connection would sit idle between
/// invocations and be dropped by the relay anyway. Logs name the Message-Id and the failure, never an address.
/// </summary>
public sealed partial class SmtpMailTransport(IOptions<MailOptions> options, TimeProvider time, ILogger<SmtpMailTransport> logger) : IMailTransport
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var settings = options.Value;
        using var message = BuildMessage(mail, settings);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        var started = time.GetTimestamp();
        using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        var authenticating = false;
        try
        {
            // Host and From are set: the validator stopped the app otherwise.
            await client.ConnectAsync(settings.Host!, settings.Port ?? 0, SocketOptions(settings.Security), deadline.Token);
            if (!string.IsNullOrWhiteSpace(settings.UserName))
            {
                authenticating = true;
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, deadline.Token);
                authenticating = false;
            }

            await client.SendAsync(message, deadline.Token);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested && MailFailures.Classify(error, authenticating) is { } failure)
        {
            var errorType = error.GetType().Name;
            LogNotSent(logger, mail.MessageId, failure.Reason, failure.IsTransient, failure.StatusCode, errorType);
            throw failure;
        }

        var elapsed = (long)time.GetElapsedTime(started).TotalMilliseconds;
        LogSent(logger, mail.MessageId, elapsed);
        await QuitAsync(client, mail.MessageId);
    }

    /// <summary>
    /// The relay has the mail once SendAsync returns: a failing QUIT must not turn into a retry, which would send it twice.
    /// </summary>
    private async Task QuitAsync(SmtpClient client, string messageId)
    {
        try
        {
            using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.DisconnectAsync(quit: true, quit.Token);
        }
        catch (Exception error) when (error is IOException or OperationCanceledException or MailKit.ProtocolException or System.Net.Sockets.SocketException)
        {
            var errorType = error.GetType().Name;
            LogQuitFailed(logger, messageId, errorType);
        }
    }

    private MimeMessage BuildMessage(OutgoingMail mail, MailOptions settings)
    {
        // MimeKit also parses a bare word as a mailbox; a relay would refuse it at RCPT anyway.
        if (!MailboxAddress.TryParse(mail.To, out var to) || !to.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new MailTransportException(MailTransportException.RecipientRefused, isTransient: false, statusCode: null, "the recipient is not a mailbox");
        }

        var message = new MimeMessage
        {
            Subject = mail.Subject,
            MessageId = mail.MessageId,
            Date = time.GetUtcNow(),
        };
        message.From.Add(MailboxAddress.Parse(settings.From!));
        message.To.Add(to);

        // Both parts declared UTF-8 whatever their characters: names and labels are not ASCII.
        var text = new TextPart(TextFormat.Plain);
        text.SetText(Encoding.UTF8, mail.TextBody);
        var html = new TextPart(TextFormat.Html);
        html.SetText(Encoding.UTF8, mail.HtmlBody);
        message.Body = new MultipartAlternative { text, html };
        return message;
    }

    private static SecureSocketOptions SocketOptions(MailSecurity? security) => security switch
    {
        MailSecurity.None => SecureSocketOptions.None,
        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };

    [LoggerMessage(EventId = 3701, Level = LogLevel.Information, Message = "Mail {MessageId} accepted by the relay in {ElapsedMilliseconds} ms")]
    private static partial void LogSent(ILogger logger, string messageId, long elapsedMilliseconds);

    [LoggerMessage(EventId = 3702, Level = LogLevel.Warning, Message = "Mail {MessageId} not sent: {Reason} (transient {IsTransient}, SMTP status {StatusCode}, {ErrorType})")]
    private static partial void LogNotSent(ILogger logger, string messageId, string reason, bool isTransient, int? statusCode, string errorType);

    [LoggerMessage(EventId = 3703, Level = LogLevel.Debug, Message = "Mail {MessageId} was accepted, but closing the connection failed ({ErrorType})")]
    private static partial void LogQuitFailed(ILogger logger, string messageId, string errorType);
}
