namespace Submissions.Storage.Deliveries;

/// <summary>What a lead carries from the promotion entry it comes from: the values a partner may be sent (its own fields as a JSON object of strings).</summary>
public sealed record DeliveredEntry(string Email, string Name, string FieldsJson, DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt)
{
    // It holds a person's values: printed (by a log, an exception, a debugger display) it shows none of them.
    public override string ToString() => nameof(DeliveredEntry);
}
