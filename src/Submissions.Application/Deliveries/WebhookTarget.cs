namespace Submissions.Application.Deliveries;

/// <summary>Where and with which keys (one, or several during a rotation) a partner's webhooks go, once all were found acceptable.</summary>
public sealed record WebhookTarget(Uri Url, IReadOnlyList<byte[]> Secrets);
