namespace Submissions.Infrastructure.Tests;

/// <summary>
/// The SMTP relay the app mails through: named by azd parameters, encrypted, its password a Key Vault reference only
/// when a user name needs one, and a deployment without a relay or a sender refused before it makes an app that cannot start.
/// </summary>
public sealed class MailSettingsTemplateTests
{
    [Fact]
    public void The_relay_is_deployed_with_StartTls_and_its_password_as_a_Key_Vault_reference()
    {
        var settings = DeploymentSnapshot.Example.AppSettings;
        var vault = DeploymentSnapshot.Example.Single("Microsoft.KeyVault/vaults").GetProperty("name").GetString();

        Assert.Equal("smtp.azurecomm.net", settings["Mail__Host"]);
        Assert.Equal("587", settings["Mail__Port"]);
        Assert.Equal("StartTls", settings["Mail__Security"]);
        Assert.Equal("Example Site <no-reply@example.org>", settings["Mail__From"]);
        Assert.Equal("example-acs-smtp-user", settings["Mail__UserName"]);
        Assert.Equal($"@Microsoft.KeyVault(VaultName={vault};SecretName=mail-password)", settings["Mail__Password"]);
    }

    [Fact]
    public void Without_a_user_name_no_password_setting_is_deployed()
    {
        var settings = DeploymentSnapshot.Minimal.AppSettings;

        Assert.Equal(string.Empty, settings["Mail__UserName"]);
        Assert.DoesNotContain("Mail__Password", settings.Keys);
        Assert.Equal("StartTls", settings["Mail__Security"]);
    }

    [Theory]
    [InlineData("param mailFrom = 'no-reply@example.org'\n", "MAIL_HOST")]
    [InlineData("param mailHost = 'smtp.example.org'\n", "MAIL_FROM")]
    [InlineData("param mailHost = 'smtp.example.org'\nparam mailFrom = 'no-reply@example.org'\nparam mailSecurity = 'None'\n", "'SslOnConnect' | 'StartTls'")]
    public async Task A_deployment_without_a_relay_or_a_sender_or_with_plain_SMTP_fails(string mailParameters, string named)
    {
        var folder = Directory.CreateTempSubdirectory("mail-settings-");
        try
        {
            // A parameters file must name its template by a relative path.
            var template = Path.GetRelativePath(folder.FullName, Path.Combine(BicepCli.InfraDirectory, "main.bicep")).Replace('\\', '/');
            var parameters = Path.Combine(folder.FullName, "mail.bicepparam");
            await File.WriteAllTextAsync(
                parameters,
                $"using '{template}'\nparam environmentName = 'mail'\nparam location = 'westeurope'\n{mailParameters}",
                TestContext.Current.CancellationToken);

            var run = await BicepCli.RunAsync(["snapshot", parameters, "--mode", "overwrite", .. BicepCli.SnapshotScope], TestContext.Current.CancellationToken);

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains(named, run.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
