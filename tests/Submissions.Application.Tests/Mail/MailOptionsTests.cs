using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Submissions.Application.Mail;

namespace Submissions.Application.Tests.Mail;

/// <summary>
/// The Mail settings as the app binds them (<c>AddSubmissionsApplication</c>): Development mails smtp4dev with no setting
/// at all; anywhere else a relay and a sender must be named and the connection encrypted, or the app does not start.
/// </summary>
public sealed class MailOptionsTests
{
    private const string Relay = "smtp.azurecomm.net";
    private const string Sender = "Example Site <no-reply@example.org>";

    [Fact]
    public void Development_without_settings_mails_the_local_smtp4dev()
    {
        var options = Resolve("Development", []);

        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal(2525, options.Port);
        Assert.Equal(MailSecurity.None, options.Security);
        Assert.Equal("Example Site <no-reply@example.test>", options.From);
        Assert.Equal(30, options.TimeoutSeconds);
        Assert.Null(options.UserName);
    }

    [Fact]
    public void Production_with_a_relay_and_a_sender_uses_StartTls_on_587()
    {
        var options = Resolve("Production", new() { ["Mail:Host"] = Relay, ["Mail:From"] = Sender });

        Assert.Equal(Relay, options.Host);
        Assert.Equal(587, options.Port);
        Assert.Equal(MailSecurity.StartTls, options.Security);
    }

    [Theory]
    [InlineData("SslOnConnect", 465)]
    [InlineData("StartTls", 587)]
    public void The_port_follows_the_security_unless_set(string security, int port)
    {
        Assert.Equal(port, Resolve("Production", new() { ["Mail:Host"] = Relay, ["Mail:From"] = Sender, ["Mail:Security"] = security }).Port);
        Assert.Equal(2526, Resolve("Production", new() { ["Mail:Host"] = Relay, ["Mail:From"] = Sender, ["Mail:Security"] = security, ["Mail:Port"] = "2526" }).Port);
    }

    [Fact]
    public void Credentials_in_pairs_and_documented_extremes_pass()
    {
        var options = Resolve("Production", new()
        {
            ["Mail:Host"] = Relay,
            ["Mail:From"] = "no-reply@example.org",
            ["Mail:UserName"] = "relay-user",
            ["Mail:Password"] = "relay-password",
            ["Mail:Port"] = "65535",
            ["Mail:TimeoutSeconds"] = "120",
        });

        Assert.Equal("relay-user", options.UserName);
        Assert.Equal(1, Resolve("Production", new() { ["Mail:Host"] = Relay, ["Mail:From"] = Sender, ["Mail:Port"] = "1", ["Mail:TimeoutSeconds"] = "1" }).TimeoutSeconds);
    }

    [Fact]
    public void Outside_Development_the_local_defaults_do_not_apply()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve("Production", []));

        Assert.Contains("Mail__Host", error.Message, StringComparison.Ordinal);
        Assert.Contains("Mail__From", error.Message, StringComparison.Ordinal);
        var blank = Assert.Throws<OptionsValidationException>(() => Resolve("Production", new() { ["Mail:Host"] = " ", ["Mail:From"] = Sender }));
        Assert.Contains("Mail__Host", blank.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Staging")]
    [InlineData("Production")]
    public void Security_None_is_refused_outside_Development(string environment)
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            Resolve(environment, new() { ["Mail:Host"] = Relay, ["Mail:From"] = Sender, ["Mail:Security"] = "None" }));

        Assert.Contains("Mail__Security", error.Message, StringComparison.Ordinal);
        Assert.Contains(environment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Security_None_is_allowed_in_Development_with_any_relay() =>
        Assert.Equal(MailSecurity.None, Resolve("Development", new() { ["Mail:Host"] = "localhost", ["Mail:Security"] = "None" }).Security);

    public static TheoryData<string, string, string> InvalidSettings { get; } = new()
    {
        { "Mail:Port", "0", "Mail__Port" },
        { "Mail:Port", "65536", "Mail__Port" },
        { "Mail:TimeoutSeconds", "0", "Mail__TimeoutSeconds" },
        { "Mail:TimeoutSeconds", "121", "Mail__TimeoutSeconds" },
        { "Mail:From", "not-a-mailbox", "Mail__From" },
        { "Mail:From", "Two <a@example.org>, Three <b@example.org>", "Mail__From" },
        { "Mail:From", "someone@", "Mail__From" },
        { "Mail:Password", "s3cr3t-password", "Mail__Password" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void An_unusable_value_names_its_setting_and_not_its_value(string setting, string value, string appSetting)
    {
        foreach (var environment in new[] { "Development", "Production" })
        {
            var error = Assert.Throws<OptionsValidationException>(() =>
                Resolve(environment, new() { ["Mail:Host"] = Relay, ["Mail:From"] = Sender, [setting] = value }));

            Assert.Contains(appSetting, error.Message, StringComparison.Ordinal);
            if (value.Trim().Length > 2)
            {
                Assert.DoesNotContain(value, error.Message, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public void The_outgoing_mail_prints_none_of_its_values()
    {
        var mail = new OutgoingMail("person-7f3a@example.org", "subject-7f3a", "text-7f3a", "html-7f3a", "id-7f3a@example.org");

        Assert.DoesNotContain("7f3a", mail.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_transport_failure_message_carries_the_reason_and_status_only()
    {
        var error = new MailTransportException(MailTransportException.RelayRefused, isTransient: true, statusCode: 451, "MessageNotAccepted");

        Assert.Equal("The mail was not sent: relay-refused (transient; MessageNotAccepted, SMTP 451).", error.Message);
        Assert.Null(error.InnerException);
    }

    private static MailOptions Resolve(string environment, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new StubHostEnvironment(environment));
        services.AddSubmissionsApplication(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<MailOptions>>().Value;
    }

    private sealed class StubHostEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Submissions.Functions";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
