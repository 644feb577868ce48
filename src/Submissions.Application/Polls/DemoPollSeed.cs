using Submissions.Application.Hosting;
using Submissions.Domain.Polls;
using Submissions.Storage.Polls;

namespace Submissions.Application.Polls;

/// <summary>The demo poll 'demo-poll', open.</summary>
public sealed class DemoPollSeed(PollStore polls) : IDemoSeed
{
    public const string PollId = "demo-poll";

    public async Task<int> SeedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await polls.GetPollAsync(PollId, cancellationToken) is not null)
        {
            return 0;
        }

        var poll = new PollContent(
            "Which topic should we cover next?",
            [new("privacy", "Privacy by design"), new("serverless", "Serverless patterns"), new("testing", "Testing against emulators")],
            PollStatus.Open);
        return await polls.TrySavePollAsync(PollId, poll, replacing: null, now, cancellationToken) is null ? 0 : 1;
    }
}
