using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Submissions.Application.Mail;

/// <summary>
/// Turns what MailKit throws into a <see cref="MailTransportException"/>: 4xx replies, connection failures and timeouts
/// are transient, 5xx replies permanent. Only the exception type, MailKit's error kind and the numeric status go into it.
/// </summary>
internal static class MailFailures
{
    /// <summary>Null for an exception that is not about the relay (a bug here): it propagates as it is.</summary>
    public static MailTransportException? Classify(Exception error, bool authenticating) => error switch
    {
        MailTransportException known => known,
        SmtpCommandException command when authenticating => FromReply(MailTransportException.RelayAuthFailed, command),
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } command => FromReply(MailTransportException.RecipientRefused, command),
        SmtpCommandException command => FromReply(MailTransportException.RelayRefused, command),
        AuthenticationException or ServiceNotAuthenticatedException =>
            new MailTransportException(MailTransportException.RelayAuthFailed, isTransient: false, statusCode: null, error.GetType().Name),

        // A relay that offers no authentication (or none MailKit can use) while credentials are set: the settings are wrong.
        NotSupportedException when authenticating =>
            new MailTransportException(MailTransportException.RelayAuthFailed, isTransient: false, statusCode: null, error.GetType().Name),

        // STARTTLS required but not offered: the relay will not change by itself.
        NotSupportedException =>
            new MailTransportException(MailTransportException.RelayRefused, isTransient: false, statusCode: null, error.GetType().Name),
        OperationCanceledException or TimeoutException =>
            new MailTransportException(MailTransportException.RelayUnavailable, isTransient: true, statusCode: null, "timeout"),
        SocketException socket =>
            new MailTransportException(MailTransportException.RelayUnavailable, isTransient: true, statusCode: null, $"{nameof(SocketException)} {socket.SocketErrorCode}"),
        IOException or ProtocolException or ServiceNotConnectedException or SslHandshakeException =>
            new MailTransportException(MailTransportException.RelayUnavailable, isTransient: true, statusCode: null, error.GetType().Name),
        _ => null,
    };

    private static MailTransportException FromReply(string reason, SmtpCommandException command)
    {
        var status = (int)command.StatusCode;
        return new MailTransportException(reason, isTransient: status is >= 400 and < 500, status, command.ErrorCode.ToString());
    }
}
