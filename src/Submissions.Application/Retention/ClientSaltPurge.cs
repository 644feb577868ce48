using Submissions.Storage.ClientSalts;
using Submissions.Storage.Retention;

namespace Submissions.Application.Retention;

/// <summary>The salts of every day before today's: a salt is only needed while its day lasts.</summary>
public sealed class ClientSaltPurge(ClientSaltStore salts) : IRetentionPurge
{
    public string Kind => PurgeKinds.ClientSalts;

    public int Order => RetentionOrder.ClientSalts;

    public DateTimeOffset CutoffFor(DateTimeOffset ranAt) => new(ranAt.UtcDateTime.Date, TimeSpan.Zero);

    public Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        salts.DeleteBeforeAsync(DateOnly.FromDateTime(cutoff.UtcDateTime), cancellationToken);
}
