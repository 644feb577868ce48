using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Exports;
using Submissions.Application.Retention;
using Submissions.Storage.Forms;
using Submissions.Storage.Subjects;

namespace Submissions.Application.Forms;

/// <summary>
/// One form, as everything that spans forms sees it: where storage keeps it (<see cref="Storage"/>), how its records
/// appear in a person's access bundle and erasure report, and what exports and retention purges it brings. Registered
/// with <see cref="FormRegistrationServiceCollectionExtensions.AddSubmissionsForm"/>; access, erasure, exports,
/// retention, the idempotency purge and table creation iterate the registrations instead of naming forms.
/// </summary>
public sealed record FormRegistration(FormStorage Storage)
{
    /// <summary>The form's kind (<see cref="FormStorage.FormKind"/>).</summary>
    public string Kind => Storage.FormKind;

    /// <summary>Its section of the access bundle; null when its records are not listed there (a registration has its own place).</summary>
    public FormAccessSection? Access { get; init; }

    /// <summary>The name of its count in the erasure report's "removed" (e.g. "comments"); null when not counted.</summary>
    public string? ErasureCount { get; init; }

    /// <summary>How an erasure counts its records in a snapshot, when not by its existing indexed records (a registration).</summary>
    public Func<SubjectSnapshot, int>? CountErased { get; init; }

    /// <summary>
    /// What the consents export calls the partitions of its tables (its "source" column: "page", "poll", ...); the
    /// partition id goes in sourceId, except for "subject" (the person's own partition, whose key is not exported).
    /// By default, its kind.
    /// </summary>
    public string? ConsentSource { get; init; }

    /// <summary>
    /// The sourceId of a partition of its tables, when it is not the partition itself (a vote partition "{pollId}~vNN"
    /// is its poll). By default, the partition.
    /// </summary>
    public Func<string, string>? ConsentSourceId { get; init; }

    /// <summary>Its exports (GET manage/exports/{kind}), each built from the app's services.</summary>
    public IReadOnlyList<Func<IServiceProvider, IExportSource>> Exports { get; init; } = [];

    /// <summary>Its retention purges, each built from the app's services; run in <see cref="IRetentionPurge.Order"/>.</summary>
    public IReadOnlyList<Func<IServiceProvider, IRetentionPurge>> Purges { get; init; } = [];

    /// <summary>How many of its records an erasure pass removes with <paramref name="snapshot"/>.</summary>
    public int ErasedIn(SubjectSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return CountErased?.Invoke(snapshot) ?? (Storage.RecordKind is { } kind ? snapshot.Existing(kind).Count() : 0);
    }

    /// <summary>A factory for <see cref="Exports"/> or <see cref="Purges"/> that builds <typeparamref name="T"/> with its dependencies.</summary>
    public static Func<IServiceProvider, T> Create<T>()
        where T : class => services => ActivatorUtilities.CreateInstance<T>(services);
}
