using Submissions.Cli.Tests.Infrastructure;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Cli.Tests.Commands;

/// <summary>
/// `config put|get|list` for labels, partners, promotions and polls: what a file puts is what get and list read back
/// (the GET routes of manage/consent-labels, partners, promotions and polls), and a refused definition shows its
/// field errors with their codes.
/// </summary>
public sealed class ConfigCommandTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cli-config-").FullName;

    [Fact]
    public async Task A_partner_put_from_a_file_is_read_back_by_get_and_list()
    {
        await using var host = await CliHost.StartAsync(azurite);
        var file = Write("partner.json", """{ "name": "CLI Partner Ltd", "webhookUrl": "https://partner.example.test/hook", "fields": ["email"], "active": true }""");

        var put = await host.RunAsync("config", "put", "partners", "cli-partner", "--file", file);
        Assert.True(put.ExitCode == 0, put.ToString());
        Assert.Contains("\"partnerId\": \"cli-partner\"", put.Out, StringComparison.Ordinal);

        var get = await host.RunJsonAsync("config", "get", "partners", "cli-partner");
        Assert.Equal("CLI Partner Ltd", get.GetProperty("name").GetString());

        var list = await host.RunAsync("config", "list", "partners");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("cli-partner", list.Out, StringComparison.Ordinal);
        Assert.Contains("CLI Partner Ltd", list.Out, StringComparison.Ordinal);
        Assert.Contains("demo-partner", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_poll_and_a_label_put_from_files_are_read_back_and_the_seeded_promotion_is_listed()
    {
        await using var host = await CliHost.StartAsync(azurite);
        var poll = Write("poll.json", """{ "question": "Tea or coffee?", "options": [ { "optionId": "tea", "text": "Tea" }, { "optionId": "coffee", "text": "Coffee" } ], "status": "open" }""");
        var label = Write("label.json", """{ "purpose": "special-offers", "text": "Send me the CLI newsletter.", "required": false, "forms": ["comment"], "fields": [] }""");

        Assert.Equal(0, (await host.RunAsync("config", "put", "polls", "cli-poll", "--file", poll)).ExitCode);
        Assert.Equal(0, (await host.RunAsync("config", "put", "labels", "cli-label", "--file", label)).ExitCode);

        Assert.Equal("Tea or coffee?", (await host.RunJsonAsync("config", "get", "polls", "cli-poll")).GetProperty("question").GetString());
        var labelRead = await host.RunJsonAsync("config", "get", "labels", "cli-label");
        Assert.Equal("Send me the CLI newsletter.", labelRead.GetProperty("versions")[0].GetProperty("text").GetString());
        Assert.Contains("cli-poll", (await host.RunAsync("config", "list", "polls")).Out, StringComparison.Ordinal);
        Assert.Contains("cli-label", (await host.RunAsync("config", "list", "labels")).Out, StringComparison.Ordinal);
        Assert.Contains("demo-promotion", (await host.RunAsync("config", "list", "promotions")).Out, StringComparison.Ordinal);
        Assert.Equal("demo-promotion", (await host.RunJsonAsync("config", "get", "promotions", "demo-promotion")).GetProperty("promotionId").GetString());
    }

    [Fact]
    public async Task A_refused_definition_shows_each_field_error_with_its_code_and_exit_code_2()
    {
        await using var host = await CliHost.StartAsync(azurite);
        var file = Write("bad-partner.json", """{ "name": "", "webhookUrl": "not a url", "fields": ["email"], "active": true }""");

        var result = await host.RunAsync("config", "put", "partners", "bad-partner", "--file", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Error 400", result.Error, StringComparison.Ordinal);
        Assert.Matches(@"│\s*name\s*│\s*required\s*│", result.Error);
        Assert.Matches(@"│\s*webhookUrl\s*│\s*[a-z-]+\s*│", result.Error);
        Assert.Contains("urn:submissions:problem:validation-failed", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_json_is_refused_locally()
    {
        await using var host = await CliHost.StartAsync(azurite);
        var file = Write("broken.json", "{ \"name\": ");

        var result = await host.RunAsync("config", "put", "polls", "cli-poll", "--file", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not valid JSON", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, string json)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, json);
        return path;
    }
}
