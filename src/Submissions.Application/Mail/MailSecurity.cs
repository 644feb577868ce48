namespace Submissions.Application.Mail;

/// <summary>How the connection to the relay is protected (app setting Mail__Security).</summary>
public enum MailSecurity
{
    /// <summary>Plain connect, then STARTTLS, required (port 587): Azure Communication Services Email and most relays.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>No TLS at all: only for smtp4dev on loopback in Development.</summary>
    None,
}
