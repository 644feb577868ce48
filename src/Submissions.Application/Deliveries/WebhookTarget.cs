namespace Submissions.Application.Deliveries;

/// <summary>Where and with which key a partner's webhooks go, once both were found acceptable.</summary>
public sealed record WebhookTarget(Uri Url, byte[] Secret);
