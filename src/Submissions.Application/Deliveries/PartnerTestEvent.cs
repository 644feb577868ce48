namespace Submissions.Application.Deliveries;

/// <summary>The body of a test event: ids and a time, never personal data. Its webhook-id is <see cref="TestId"/>.</summary>
public sealed record PartnerTestEvent(string Type, string TestId, string PartnerId, DateTimeOffset SentAt);
