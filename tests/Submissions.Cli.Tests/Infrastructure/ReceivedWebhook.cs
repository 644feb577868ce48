namespace Submissions.Cli.Tests.Infrastructure;

/// <summary>One request <see cref="LoopbackReceiver"/> got: its webhook-id, its body, and the status it answered.</summary>
internal sealed record ReceivedWebhook(string? WebhookId, string Body, int AnsweredWith);
