using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Submissions.Application.Mail;

/// <summary>
/// The relay settings must be usable before the first mail is owed: a relay and a sender named, a port, TLS outside
/// Development (the mails carry personal data and confirm links), credentials only in pairs. Messages name the app
/// setting, never its value (the password, or an address).
/// </summary>
public sealed class MailOptionsValidator(IHostEnvironment environment) : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Failures(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private IEnumerable<string> Failures(MailOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            yield return "The app setting Mail__Host is required outside Development: the SMTP relay's host name, e.g. smtp.azurecomm.net.";
        }

        if (options.Port is not (>= 1 and <= 65535))
        {
            yield return "The app setting Mail__Port must be a TCP port from 1 to 65535 (587 for StartTls, 465 for SslOnConnect).";
        }

        if (string.IsNullOrWhiteSpace(options.From) || !MailboxAddress.TryParse(options.From, out var from) || !IsAddress(from.Address))
        {
            yield return "The app setting Mail__From is required outside Development and must be one mailbox, e.g. \"Example Site <no-reply@example.org>\".";
        }

        if (options.Security == MailSecurity.None && !environment.IsDevelopment())
        {
            yield return $"The app setting Mail__Security must be StartTls or SslOnConnect outside Development (environment: {environment.EnvironmentName}): mail carries personal data.";
        }

        if (!string.IsNullOrEmpty(options.Password) && string.IsNullOrWhiteSpace(options.UserName))
        {
            yield return "The app setting Mail__Password is set without Mail__UserName: set both to authenticate to the relay, or neither.";
        }

        if (options.TimeoutSeconds is < 1 or > 120)
        {
            yield return "The app setting Mail__TimeoutSeconds must be from 1 to 120.";
        }
    }

    /// <summary>A local part and a domain: MimeKit also parses a bare word as a mailbox.</summary>
    private static bool IsAddress(string address)
    {
        var at = address.LastIndexOf('@');
        return at > 0 && at < address.Length - 1;
    }
}
