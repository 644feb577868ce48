using System.Text.Json;
using Submissions.Cli.Tests.Infrastructure;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Cli.Tests.Commands;

/// <summary>
/// `deliveries list|retry|recover` and `partners test|resume` with the demo partner pointed at a real loopback
/// receiver: a 400 from it makes a dead letter at once (a partner's 4xx is final).
/// </summary>
public sealed class DeliveriesCommandTests(AzuriteFixture azurite)
{
    private const string SigningSecret = "whsec_bG9jYWwtZGV2ZWxvcG1lbnQtb25seS1ub3QtYS1zZWNyZXQh";

    [Fact]
    public async Task A_dead_letter_is_listed_and_retry_owes_it_again_until_the_partner_takes_it()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        await using var host = await StartAsync(receiver);
        receiver.Answer = 400;
        await host.EnterDemoPromotionAsync(CliHost.NewEmail());
        var failure = await WaitForDeadLetterAsync(host);
        var deliveryId = failure.GetProperty("deliveryId").GetString()!;

        var list = await host.RunAsync("deliveries", "list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(deliveryId, list.Out, StringComparison.Ordinal);
        Assert.Contains("http-400", list.Out, StringComparison.Ordinal);

        receiver.Answer = 204;
        var retry = await host.RunAsync("deliveries", "retry", deliveryId);
        Assert.True(retry.ExitCode == 0, retry.ToString());
        Assert.Contains("owed", retry.Out, StringComparison.Ordinal);

        await Eventually.HoldsAsync(() => Task.FromResult(receiver.Requests.Any(request => request.AnsweredWith == 204)), "the retried lead to reach the partner");
        Assert.Empty((await host.RunJsonAsync("deliveries", "list")).EnumerateArray());
        Assert.Equal(2, receiver.Requests.Count);
    }

    [Fact]
    public async Task Recover_owes_again_what_failed_since_a_time()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        await using var host = await StartAsync(receiver);
        var since = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        receiver.Answer = 400;
        await host.EnterDemoPromotionAsync(CliHost.NewEmail());
        await WaitForDeadLetterAsync(host);

        receiver.Answer = 204;
        var recover = await host.RunAsync("deliveries", "recover", "--partner", "demo-partner", "--since", since);

        Assert.True(recover.ExitCode == 0, recover.ToString());
        Assert.Matches(@"│\s*1\s*│\s*0\s*│", recover.Out);
        await Eventually.HoldsAsync(() => Task.FromResult(receiver.Requests.Any(request => request.AnsweredWith == 204)), "the recovered lead to reach the partner");
    }

    [Fact]
    public async Task Partner_test_reports_the_partners_answer_and_resume_is_harmless()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        await using var host = await StartAsync(receiver);

        var accepted = await host.RunJsonAsync("partners", "test", "demo-partner");
        Assert.True(accepted.GetProperty("accepted").GetBoolean());
        var received = Assert.Single(receiver.Requests);
        Assert.Equal(accepted.GetProperty("testId").GetString(), received.WebhookId);
        Assert.Contains("webhook.test", received.Body, StringComparison.Ordinal);

        receiver.Answer = 400;
        var refused = await host.RunAsync("partners", "test", "demo-partner");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("http-400", refused.Out, StringComparison.Ordinal);

        var resume = await host.RunJsonAsync("partners", "resume", "demo-partner");
        Assert.False(resume.GetProperty("wasPaused").GetBoolean());

        var unknown = await host.RunAsync("partners", "test", "no-such-partner");
        Assert.Equal(4, unknown.ExitCode);
    }

    private Task<CliHost> StartAsync(LoopbackReceiver receiver) =>
        CliHost.StartAsync(azurite, new Dictionary<string, string>
        {
            ["Partners__demo_partner__WebhookUrl"] = receiver.WebhookUrl.ToString(),
            ["Partners__demo_partner__SigningSecret"] = SigningSecret,
        });

    private static async Task<JsonElement> WaitForDeadLetterAsync(CliHost host)
    {
        var found = await Eventually.GetAsync<object>(
            async () => (await host.RunJsonAsync("deliveries", "list")).EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } failure ? failure : null,
            "a dead letter");
        return (JsonElement)found;
    }
}
