using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Submissions.Application.Mail;

/// <summary>
/// Fills what the settings leave out. Development gets the local smtp4dev (the run command starts it) so a fresh clone
/// sends mail with no setting at all; outside Development nothing guesses a relay or a sender: they stay unset and the
/// validator stops the app.
/// </summary>
internal sealed class MailOptionsDefaults(IHostEnvironment environment) : IPostConfigureOptions<MailOptions>
{
    public const string DevelopmentHost = "127.0.0.1";
    public const int DevelopmentPort = 2525;
    public const string DevelopmentFrom = "Example Site <no-reply@example.test>";

    public void PostConfigure(string? name, MailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (environment.IsDevelopment())
        {
            options.Host = string.IsNullOrWhiteSpace(options.Host) ? DevelopmentHost : options.Host;
            options.From = string.IsNullOrWhiteSpace(options.From) ? DevelopmentFrom : options.From;
            options.Security ??= MailSecurity.None;
        }

        options.Security ??= MailSecurity.StartTls;
        options.Port ??= options.Security switch
        {
            MailSecurity.SslOnConnect => 465,
            MailSecurity.None => DevelopmentPort,
            _ => 587,
        };
    }
}
