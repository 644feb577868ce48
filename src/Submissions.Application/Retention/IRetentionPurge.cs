namespace Submissions.Application.Retention;

/// <summary>
/// One retention purge: what it removes (its <see cref="Kind"/> in the purge report), what is due, and the removal.
/// A form brings its own with its registration; <see cref="RetentionPurger"/> runs them all in <see cref="Order"/>.
/// </summary>
public interface IRetentionPurge
{
    /// <summary>The purge report's Kind for it.</summary>
    string Kind { get; }

    /// <summary>Lower runs first; equal orders keep registration order (<see cref="RetentionOrder"/>).</summary>
    int Order { get; }

    /// <summary>What is due in a run at <paramref name="ranAt"/>: what was created (or ended) before this instant.</summary>
    DateTimeOffset CutoffFor(DateTimeOffset ranAt);

    /// <summary>Removes what is due; returns how many it removed. Idempotent: a re-run finds only what is left.</summary>
    Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
