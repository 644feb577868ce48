using Submissions.Application.Hosting;
using Submissions.Storage.ConsentLabels;

namespace Submissions.Application.ConsentLabels;

/// <summary>The demo's consent labels (<see cref="DemoConsentLabels"/>): every form has what it needs to be exercised end to end.</summary>
public sealed class DemoConsentLabelSeed(ConsentLabelStore labels) : IDemoSeed
{
    public async Task<int> SeedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var label in DemoConsentLabels.Create(now))
        {
            added += await labels.TryAddFirstVersionAsync(label, cancellationToken) ? 1 : 0;
        }

        return added;
    }
}
