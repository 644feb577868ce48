namespace Submissions.Application.Mail;

/// <summary>
/// The relay did not take a mail. <see cref="Reason"/> is a short code for logs and dead letters; <see cref="IsTransient"/>
/// says whether trying again later can help (4xx replies, connection failures, timeouts) or not (5xx). The message is
/// built here from the reason, a data-free detail and the numeric SMTP status only: the relay's own text can echo an
/// address, so neither it nor the client library's exception is kept. The detail names what failed in words with no
/// data in them (an exception type, an SMTP error kind).
/// </summary>
public sealed class MailTransportException(string reason, bool isTransient, int? statusCode, string detail)
    : Exception($"The mail was not sent: {reason} ({(isTransient ? "transient" : "permanent")}; {detail}{(statusCode is { } code ? $", SMTP {code}" : string.Empty)}).")
{
    public const string RelayUnavailable = "relay-unavailable";
    public const string RelayRefused = "relay-refused";
    public const string RelayAuthFailed = "relay-auth-failed";
    public const string RecipientRefused = "recipient-refused";

    /// <summary>relay-unavailable, relay-refused, relay-auth-failed or recipient-refused.</summary>
    public string Reason { get; } = reason;

    public bool IsTransient { get; } = isTransient;

    /// <summary>The relay's SMTP reply code, when it answered.</summary>
    public int? StatusCode { get; } = statusCode;
}
