using Microsoft.Extensions.Options;
using Submissions.Application.Caching;
using Submissions.Storage.Polls;

namespace Submissions.Application.Polls;

/// <summary>
/// The poll's rules as the vote form checks them, from the instance's read cache for ReadCache:PollDefinitionSeconds
/// (one point read per poll per instance per period, shared by concurrent misses) — so a vote by token is its own
/// transaction and nothing else. A poll closed elsewhere may take votes here for up to that period; the instance that
/// saves a poll drops its own entry at once.
/// </summary>
public sealed class PollRulesCache(PollStore store, ReadThroughCache cache, IOptions<ReadCacheOptions> options)
{
    public async Task<PollRules?> GetAsync(string pollId, CancellationToken cancellationToken)
    {
        var entry = await cache.GetAsync(
            Key(pollId),
            options.Value.PollDefinitionSeconds,
            (Store: store, PollId: pollId),
            static async (state, token) => new CachedPollRules(await LoadAsync(state.Store, state.PollId, token)),
            cancellationToken);
        return entry.Rules;
    }

    /// <summary>Drops this instance's entry, after a save of the poll here.</summary>
    public ValueTask ForgetAsync(string pollId, CancellationToken cancellationToken) => cache.RemoveAsync(Key(pollId), cancellationToken);

    private static string Key(string pollId) => "poll-rules:" + pollId;

    private static async Task<PollRules?> LoadAsync(PollStore store, string pollId, CancellationToken cancellationToken) =>
        await store.GetPollAsync(pollId, cancellationToken) is { } poll ? PollRules.From(poll) : null;
}
