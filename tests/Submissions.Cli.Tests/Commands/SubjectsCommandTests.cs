using System.Text.Json;
using Submissions.Cli.Tests.Infrastructure;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Cli.Tests.Commands;

/// <summary>`subjects access|erase|withdraw|links` against a person registered through the public form.</summary>
public sealed class SubjectsCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Access_finds_a_registered_person_and_erase_removes_them()
    {
        await using var host = await CliHost.StartAsync(azurite);
        var email = CliHost.NewEmail();
        await host.RegisterAsync(email, "Grace Hopper");
        var bundleFile = Path.Combine(Path.GetTempPath(), $"access-{Guid.NewGuid():N}.json");

        var access = await host.RunAsync("subjects", "access", "--email", email, "--output", bundleFile);

        Assert.True(access.ExitCode == 0, access.ToString());
        Assert.DoesNotContain(email, access.Out, StringComparison.Ordinal);
        using (var bundle = JsonDocument.Parse(await File.ReadAllTextAsync(bundleFile, TestContext.Current.CancellationToken)))
        {
            Assert.Equal(email, bundle.RootElement.GetProperty("email").GetString());
            Assert.Equal("Grace Hopper", bundle.RootElement.GetProperty("registration").GetProperty("displayName").GetString());
        }

        Assert.False(File.Exists(bundleFile + ".partial"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(bundleFile));
        }

        var again = await host.RunAsync("subjects", "access", "--email", email, "--output", bundleFile);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--overwrite", again.Error, StringComparison.Ordinal);
        var replaced = await host.RunAsync("subjects", "access", "--email", email, "--output", bundleFile, "--overwrite");
        Assert.True(replaced.ExitCode == 0, replaced.ToString());
        File.Delete(bundleFile);

        var refused = await host.RunAsync("subjects", "erase", "--email", email);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--yes", refused.Error, StringComparison.Ordinal);

        var erase = await host.RunAsync("subjects", "erase", "--email", email, "--yes");
        Assert.True(erase.ExitCode == 0, erase.ToString());
        Assert.Matches(@"registration\s*│\s*1\s", erase.Out);

        var after = await host.RunJsonAsync("subjects", "access", "--email", email);
        Assert.False(after.TryGetProperty("registration", out _), after.GetRawText());
        Assert.Empty(after.GetProperty("consents").EnumerateArray());
    }

    [Fact]
    public async Task Withdraw_one_label_then_everything_else()
    {
        await using var host = await CliHost.StartAsync(azurite);
        var email = CliHost.NewEmail();
        await host.RegisterAsync(email);

        var offers = await host.RunAsync("subjects", "withdraw", "--email", email, "--label", "special-offers");
        Assert.True(offers.ExitCode == 0, offers.ToString());
        Assert.Matches(@"special-offers\s*│\s*1\s", offers.Out);

        var again = await host.RunJsonAsync("subjects", "withdraw", "--email", email, "--label", "special-offers");
        Assert.Empty(again.GetProperty("withdrawn").EnumerateArray());

        var unconfirmed = await host.RunAsync("subjects", "withdraw", "--email", email);
        Assert.Equal(2, unconfirmed.ExitCode);
        Assert.Contains("--yes", unconfirmed.Error, StringComparison.Ordinal);
        var everything = await host.RunJsonAsync("subjects", "withdraw", "--email", email, "--yes");
        Assert.Equal(JsonValueKind.Array, everything.GetProperty("withdrawn").ValueKind);
    }

    [Fact]
    public async Task Links_gives_the_signed_opt_out_and_preference_links()
    {
        await using var host = await CliHost.StartAsync(azurite);
        var links = await host.RunJsonAsync("subjects", "links", "--email", CliHost.NewEmail());

        Assert.Contains("/api/opt-out?token=", links.GetProperty("optOutUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", links.GetProperty("listUnsubscribePost").GetString());
    }
}
