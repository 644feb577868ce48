namespace Submissions.Application.Hosting;

/// <summary>
/// The demo a local run starts with: every registered <see cref="IDemoSeed"/>, in registration order — consent labels
/// for every form, the poll 'demo-poll', the partner 'demo-partner' and the promotion 'demo-promotion'.
/// </summary>
public sealed class DemoData(IEnumerable<IDemoSeed> seeds)
{
    /// <returns>How many items were added.</returns>
    public async Task<int> SeedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var seed in seeds)
        {
            added += await seed.SeedAsync(now, cancellationToken);
        }

        return added;
    }
}
