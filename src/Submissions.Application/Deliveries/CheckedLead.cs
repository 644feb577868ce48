using Submissions.Storage.Deliveries;

namespace Submissions.Application.Deliveries;

/// <summary>A lead that passed every check at delivery time: what it carries and where it goes.</summary>
internal sealed record CheckedLead(DeliveredEntry Entry, IReadOnlyList<GrantedSharing> Granted, WebhookTarget Target, IReadOnlyList<string> Fields);
