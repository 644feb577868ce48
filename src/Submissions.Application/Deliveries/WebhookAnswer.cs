namespace Submissions.Application.Deliveries;

/// <summary>
/// A partner's final answer to one webhook send. <see cref="Refusal"/>: null when it accepted (2xx), otherwise why it
/// never will ("http-400", "destination-not-allowed"). <see cref="NothingReachedPartner"/>: refused, and provably nothing reached
/// the partner — the send's one and only request was refused by the destination guard before it connected. A partner
/// that answered at all, a 4xx included, has read the body; after an in-process retry an earlier try may have too.
/// </summary>
public sealed record WebhookAnswer(string? Refusal, bool NothingReachedPartner);
