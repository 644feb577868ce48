namespace Submissions.Application.Mail;

/// <summary>
/// Bound from "Mail" (app settings Mail__Host, Mail__Port, …). Unset values get their defaults from
/// <see cref="MailOptionsDefaults"/>: in Development smtp4dev's (127.0.0.1:2525, no TLS, a no-reply sender); elsewhere
/// only StartTls and its port, so a deployment without a relay or a sender fails at start-up instead of mailing nowhere.
/// </summary>
public sealed class MailOptions
{
    public const string SectionName = "Mail";

    /// <summary>The relay's host name, e.g. <c>smtp.azurecomm.net</c>.</summary>
    public string? Host { get; set; }

    /// <summary>The relay's port; by default 587 with StartTls, 465 with SslOnConnect, 2525 (smtp4dev) with None.</summary>
    public int? Port { get; set; }

    /// <summary>StartTls by default; None only in Development.</summary>
    public MailSecurity? Security { get; set; }

    /// <summary>Authenticates only when set.</summary>
    public string? UserName { get; set; }

    /// <summary>In Azure a Key Vault reference; never in a template or a log.</summary>
    public string? Password { get; set; }

    /// <summary>The sender mailbox, e.g. <c>Example Site &lt;no-reply@example.org&gt;</c>; its domain ends every Message-Id.</summary>
    public string? From { get; set; }

    /// <summary>The whole exchange with the relay (connect, authenticate, send) must end within this many seconds.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
