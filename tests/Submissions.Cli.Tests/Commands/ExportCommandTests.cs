using System.Globalization;
using System.Text.Json;
using Submissions.Cli.Tests.Infrastructure;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Cli.Tests.Commands;

/// <summary>
/// `export`: the file equals what one streamed request of the whole range sends; an export broken off mid-transfer
/// leaves no file under its final name, and the rerun fetches only the slices still missing, with no row twice.
/// </summary>
public sealed class ExportCommandTests(AzuriteFixture azurite)
{
    // Per test (xUnit makes an instance per test), so a run across UTC midnight cannot mix two days' ranges.
    private readonly DateTime today = DateTime.UtcNow.Date;

    private string From => today.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string To => today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string TodaysSlice => "from=" + today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("ndjson")]
    [InlineData("csv")]
    public async Task The_file_is_complete_and_equals_the_streamed_export(string format)
    {
        await using var host = await CliHost.StartAsync(azurite);
        var texts = await PostCommentsAsync(host, 5);
        var output = NewOutput(format);

        var result = await host.RunAsync("export", "comments", "--from", From, "--to", To, "--format", format, "--output", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Exporting comments: 1/3 slices", result.Out, StringComparison.Ordinal);
        Assert.Contains("Exporting comments: 3/3 slices", result.Out, StringComparison.Ordinal);
        Assert.Contains($"Wrote {output}", result.Out, StringComparison.Ordinal);
        var written = await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken);
        Assert.Equal(await ReferenceAsync(host, format), written);
        Assert.All(texts, text => Assert.Contains(text, written, StringComparison.Ordinal));
        Assert.False(File.Exists(output + ".partial"));
        Assert.False(File.Exists(output + ".partial.json"));
        File.Delete(output);
    }

    [Fact]
    public async Task In_a_terminal_the_progress_is_a_live_bar_that_ends_at_100_percent()
    {
        await using var host = await CliHost.StartAsync(azurite);
        await PostCommentsAsync(host, 2);
        var output = NewOutput("ndjson");

        var result = await host.RunInTerminalAsync("export", "comments", "--from", From, "--to", To, "--output", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Exporting comments", result.Out, StringComparison.Ordinal);
        Assert.Contains("100%", result.Out, StringComparison.Ordinal);
        Assert.Contains("\u001b[", result.Out, StringComparison.Ordinal);
        Assert.Equal(await ReferenceAsync(host, "ndjson"), await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
        File.Delete(output);
    }

    [Theory]
    [InlineData("ndjson")]
    [InlineData("csv")]
    public async Task An_export_broken_off_mid_transfer_resumes_with_the_missing_slices_only(string format)
    {
        await using var host = await CliHost.StartAsync(azurite);
        await PostCommentsAsync(host, 5);
        await using var proxy = await RecordingProxy.StartAsync(host.Host.BaseUrl);
        var output = NewOutput(format);
        string[] args = ["--url", proxy.BaseUrl, "--key", host.Host.DefaultKey, "export", "comments", "--from", From, "--to", To, "--format", format, "--output", output];

        // The third slice (today, with the comments) is broken off after its first line.
        proxy.BreakOffOnce = TodaysSlice;
        var broken = await CliRunner.RunAsync(args);

        Assert.Equal(6, broken.ExitCode);
        Assert.Contains("Run the same command again to resume", broken.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.True(File.Exists(output + ".partial"));
        using (var state = JsonDocument.Parse(await File.ReadAllTextAsync(output + ".partial.json", TestContext.Current.CancellationToken)))
        {
            Assert.Equal(2, state.RootElement.GetProperty("completedSlices").GetInt32());
        }

        var requestsBefore = proxy.Requests.Count;
        var resumed = await CliRunner.RunAsync(args);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("Resuming: 2 of 3 slices", resumed.Out, StringComparison.Ordinal);
        Assert.Equal(requestsBefore + 1, proxy.Requests.Count);
        var written = await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken);
        Assert.Equal(await ReferenceAsync(host, format), written);
        var lines = written.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Length, lines.Distinct(StringComparer.Ordinal).Count());
        Assert.False(File.Exists(output + ".partial"));
        Assert.False(File.Exists(output + ".partial.json"));
        File.Delete(output);
    }

    [Fact]
    public async Task Partial_state_and_output_files_are_readable_by_the_owner_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes.");
        await using var host = await CliHost.StartAsync(azurite);
        await PostCommentsAsync(host, 2);
        await using var proxy = await RecordingProxy.StartAsync(host.Host.BaseUrl);
        var output = NewOutput("ndjson");
        string[] args = ["--url", proxy.BaseUrl, "--key", host.Host.DefaultKey, "export", "comments", "--from", From, "--to", To, "--output", output];
        proxy.BreakOffOnce = TodaysSlice;

        var broken = await CliRunner.RunAsync(args);

        Assert.Equal(6, broken.ExitCode);
        Assert.Equal(OwnerOnly, ModeOf(output + ".partial"));
        Assert.Equal(OwnerOnly, ModeOf(output + ".partial.json"));
        var resumed = await CliRunner.RunAsync(args);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(OwnerOnly, ModeOf(output));
        File.Delete(output);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_partial_file_missing_or_shorter_than_its_state_is_not_resumed_and_restart_starts_over(bool missing)
    {
        await using var host = await CliHost.StartAsync(azurite);
        await PostCommentsAsync(host, 3);
        await using var proxy = await RecordingProxy.StartAsync(host.Host.BaseUrl);
        var output = NewOutput("ndjson");
        string[] args = ["--url", proxy.BaseUrl, "--key", host.Host.DefaultKey, "export", "comments", "--from", From, "--to", To, "--output", output];
        proxy.BreakOffOnce = TodaysSlice;
        Assert.Equal(6, (await CliRunner.RunAsync(args)).ExitCode);
        if (missing)
        {
            File.Delete(output + ".partial");
        }
        else
        {
            await File.WriteAllTextAsync(output + ".partial", string.Empty, TestContext.Current.CancellationToken);
            SetStateProperty(output + ".partial.json", "bytes", 10);
        }

        var refused = await CliRunner.RunAsync(args);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--restart", refused.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        var restarted = await CliRunner.RunAsync([.. args, "--restart"]);
        Assert.True(restarted.ExitCode == 0, restarted.ToString());
        Assert.Equal(await ReferenceAsync(host, "ndjson"), await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
        File.Delete(output);
    }

    [Fact]
    public async Task A_symbolic_link_in_place_of_the_partial_file_is_refused_and_its_target_untouched()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Symbolic links need rights on Windows.");
        await using var host = await CliHost.StartAsync(azurite);
        var output = NewOutput("ndjson");
        var target = output + ".target";
        await File.WriteAllTextAsync(target, "not yours", TestContext.Current.CancellationToken);
        File.CreateSymbolicLink(output + ".partial", target);

        var result = await host.RunAsync("export", "comments", "--from", From, "--to", To, "--output", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("symbolic link", result.Error, StringComparison.Ordinal);
        Assert.Equal("not yours", await File.ReadAllTextAsync(target, TestContext.Current.CancellationToken));
        File.Delete(output + ".partial");
        File.Delete(target);
    }

    [Fact]
    public async Task An_unfinished_export_is_not_resumed_against_another_server_and_the_leftover_file_is_named()
    {
        await using var host = await CliHost.StartAsync(azurite);
        await PostCommentsAsync(host, 2);
        await using var proxy = await RecordingProxy.StartAsync(host.Host.BaseUrl);
        var output = NewOutput("ndjson");
        proxy.BreakOffOnce = TodaysSlice;
        var broken = await CliRunner.RunAsync(["--url", proxy.BaseUrl, "--key", host.Host.DefaultKey, "export", "comments", "--from", From, "--to", To, "--output", output]);
        Assert.Equal(6, broken.ExitCode);
        var partialBefore = await File.ReadAllBytesAsync(output + ".partial", TestContext.Current.CancellationToken);

        var elsewhere = await host.RunAsync("export", "comments", "--from", From, "--to", To, "--output", output);

        Assert.Equal(2, elsewhere.ExitCode);
        Assert.Contains($"came from {proxy.BaseUrl}", elsewhere.Error, StringComparison.Ordinal);
        Assert.Contains($"{output}.partial (personal data)", elsewhere.Error, StringComparison.Ordinal);
        Assert.Equal(partialBefore, await File.ReadAllBytesAsync(output + ".partial", TestContext.Current.CancellationToken));
        Assert.False(File.Exists(output));
        File.Delete(output + ".partial");
        File.Delete(output + ".partial.json");
    }

    [Fact]
    public async Task A_damaged_state_file_is_said_to_be_damaged_not_blamed_on_the_server()
    {
        await using var host = await CliHost.StartAsync(azurite);
        var output = NewOutput("ndjson");
        await File.WriteAllTextAsync(output + ".partial.json", "{ not json", TestContext.Current.CancellationToken);

        var result = await host.RunAsync("export", "comments", "--from", From, "--to", To, "--output", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is damaged", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("server's answer", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        File.Delete(output + ".partial.json");
    }

    [Fact]
    public async Task A_purged_export_job_says_to_restart_and_names_the_leftover_state()
    {
        await using var host = await CliHost.StartAsync(azurite);
        await using var proxy = await RecordingProxy.StartAsync(host.Host.BaseUrl);
        var output = NewOutput("ndjson");
        string[] args = ["--url", proxy.BaseUrl, "--key", host.Host.DefaultKey, "export", "comments", "--from", From, "--to", To, "--job", "--output", output];
        proxy.BreakOffOnce = "/file";
        Assert.Equal(6, (await CliRunner.RunAsync(args)).ExitCode);
        SetStateProperty(output + ".partial.json", "jobId", Guid.NewGuid().ToString("N"));

        var purged = await CliRunner.RunAsync(args);

        Assert.Equal(4, purged.ExitCode);
        Assert.Contains("run again with --restart", purged.Error, StringComparison.Ordinal);
        Assert.Contains($"{output}.partial.json are left", purged.Error, StringComparison.Ordinal);
        File.Delete(output + ".partial");
        File.Delete(output + ".partial.json");
    }

    [Fact]
    public async Task A_job_export_is_polled_and_downloaded_and_a_broken_download_resumes_the_same_job()
    {
        await using var host = await CliHost.StartAsync(azurite);
        await PostCommentsAsync(host, 3);
        await using var proxy = await RecordingProxy.StartAsync(host.Host.BaseUrl);
        var output = NewOutput("ndjson");
        string[] args = ["--url", proxy.BaseUrl, "--key", host.Host.DefaultKey, "export", "comments", "--from", From, "--to", To, "--job", "--output", output];
        proxy.BreakOffOnce = "/file";

        var broken = await CliRunner.RunAsync(args);
        Assert.Equal(6, broken.ExitCode);
        Assert.False(File.Exists(output));

        var resumed = await CliRunner.RunAsync(args);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("Resuming export job", resumed.Out, StringComparison.Ordinal);
        Assert.Single(proxy.Requests, request => request.PathAndQuery.Contains("async=true", StringComparison.Ordinal));
        Assert.Equal(await ReferenceAsync(host, "ndjson"), await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
        File.Delete(output);
    }

    [Fact]
    public async Task Bad_arguments_are_refused_before_anything_is_sent()
    {
        await using var host = await CliHost.StartAsync(azurite);
        var output = NewOutput("ndjson");

        var noOffset = await host.RunAsync("export", "comments", "--from", "2026-01-01T00:00:00", "--to", To, "--output", output);
        var badSlice = await host.RunAsync("export", "comments", "--from", From, "--to", To, "--slice", "40d", "--output", output);
        var badKind = await host.RunAsync("export", "people", "--from", From, "--to", To, "--output", output);
        var tooLong = await host.RunAsync("export", "comments", "--from", "2025-01-01", "--to", "2026-01-03", "--job", "--output", output);

        Assert.Equal(2, noOffset.ExitCode);
        Assert.Contains("offset", noOffset.Error, StringComparison.Ordinal);
        Assert.Equal(2, badSlice.ExitCode);
        Assert.Equal(2, badKind.ExitCode);
        Assert.Equal(2, tooLong.ExitCode);
        Assert.Contains("longer than 366 days", tooLong.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output + ".partial"));
    }

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static UnixFileMode? ModeOf(string path) => OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(path);

    /// <summary>Edits the saved resume state, as a damaged disk, a hand edit or the server's retention would leave it.</summary>
    private static void SetStateProperty(string statePath, string name, System.Text.Json.Nodes.JsonNode value)
    {
        var state = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(statePath))!;
        state[name] = value;
        File.WriteAllText(statePath, state.ToJsonString());
    }

    private static string NewOutput(string format) => Path.Combine(Path.GetTempPath(), $"cli-export-{Guid.NewGuid():N}.{format}");

    /// <summary>The whole range in one streamed request, as the API sends it.</summary>
    private async Task<string> ReferenceAsync(CliHost host, string format)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/manage/exports/comments?from={From}T00:00:00Z&to={To}T00:00:00Z&format={format}");
        request.Headers.Add("x-functions-key", host.Host.DefaultKey);
        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<List<string>> PostCommentsAsync(CliHost host, int count)
    {
        var pageId = "page-" + Guid.NewGuid().ToString("N")[..12];
        var texts = Enumerable.Range(1, count).Select(i => $"Exported comment {i} {Guid.NewGuid():N}").ToList();
        foreach (var text in texts)
        {
            await host.PostPublicAsync("api/comments", new
            {
                pageId,
                displayName = "Commenter Name",
                text,
                consents = new object[]
                {
                    new { labelId = "comment-terms", version = 1, granted = true },
                    new { labelId = "public-display", version = 1, granted = true },
                },
            });
        }

        return texts;
    }
}
