namespace Submissions.Application.Deliveries;

/// <summary>
/// A partner's final answer to one webhook send. <see cref="Refusal"/>: null when it accepted (2xx), otherwise why it
/// never will ("http-400", "destination-not-allowed"). <see cref="NothingLeft"/>: refused, and provably nothing stayed
/// with the partner — the send's one and only request was refused before it was sent or answered with a 4xx; after
/// an in-process retry, or a 3xx, the partner may hold the body.
/// </summary>
public sealed record WebhookAnswer(string? Refusal, bool NothingLeft);
