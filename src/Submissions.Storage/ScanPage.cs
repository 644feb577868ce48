namespace Submissions.Storage;

/// <summary>
/// One page of an admin listing and the token of the next (null on the last). A page may be short, even empty, while a
/// token remains: storage ends a page where its scan stopped, not where the items ran out.
/// </summary>
public sealed record ScanPage<T>(IReadOnlyList<T> Items, string? ContinuationToken)
{
    /// <summary>Storage (or this layer) refused the client's token: the client's bad input, answered as a 400.</summary>
    public bool TokenRefused { get; init; }

    public ScanPage<TView> Select<TView>(Func<T, TView> view) =>
        new([.. Items.Select(view)], ContinuationToken) { TokenRefused = TokenRefused };
}
