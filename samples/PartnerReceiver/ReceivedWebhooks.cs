using System.Collections.Concurrent;

namespace PartnerReceiver;

/// <summary>
/// Remembers webhook ids seen recently. Senders retry with the same <c>webhook-id</c>, so a second request with a known
/// id is acknowledged without being processed again. Ids older than twice the timestamp tolerance can be forgotten:
/// a request that old fails verification anyway. (A real receiver keeps this in its database.)
/// </summary>
public sealed class ReceivedWebhooks(TimeProvider time, TimeSpan keepFor)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);

    public bool HasProcessed(string webhookId)
    {
        var now = time.GetUtcNow();
        foreach (var (id, at) in seen)
        {
            if (now - at > keepFor)
            {
                seen.TryRemove(id, out _);
            }
        }

        return seen.ContainsKey(webhookId);
    }

    /// <summary>Called after the webhook was processed successfully.</summary>
    public void Record(string webhookId) => seen.TryAdd(webhookId, time.GetUtcNow());
}
