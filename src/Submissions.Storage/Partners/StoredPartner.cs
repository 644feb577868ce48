namespace Submissions.Storage.Partners;

/// <summary>A partner as stored: where its webhooks go, the fields it may receive, whether it is active, and how its webhook has been answering.</summary>
/// <remarks>Immutable, so a read cache keeps the instance rather than a copy to deserialise on every hit.</remarks>
[System.ComponentModel.ImmutableObject(true)]
public sealed record StoredPartner(string PartnerId, string Name, string WebhookUrl, IReadOnlyList<string> FieldList, bool Active)
{
    public PartnerHealth Health { get; init; } = PartnerHealth.Healthy;

    /// <summary>When an admin last saved it.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
