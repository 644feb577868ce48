using System.Globalization;

namespace Submissions.Storage.Polls;

/// <summary>
/// A poll's votes are spread over <see cref="Count"/> partitions of Polls, "{pollId}~vNN", so no single partition carries a
/// viral poll. NN comes from the voter's keyed hash (the voter key of a token vote, the subject key of an email-only vote),
/// never from a token or an email, so a voter's rows always land in the same partition and the Add of their voter row
/// there keeps "one vote per token" a storage guarantee.
/// </summary>
public static class VotePartitions
{
    /// <summary>
    /// Enough that 10,000 votes/s on one poll stay far below 2,000 entities/s in each (156 votes/s × 7 entities ≈ 1,100);
    /// few enough that a recount reads them all in one parallel stage.
    /// </summary>
    public const int Count = 64;

    private const string Marker = "~v";

    /// <summary>The partition of the voter with this keyed hash in a poll spread over <paramref name="partitions"/>.</summary>
    public static string For(string pollId, string keyedHash, int partitions)
    {
        ArgumentNullException.ThrowIfNull(keyedHash);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);

        // FNV-1a over the keyed hash: any stable function of an HMAC spreads voters evenly.
        var hash = 2166136261u;
        foreach (var character in keyedHash)
        {
            hash = (hash ^ character) * 16777619u;
        }

        return Name(pollId, (int)(hash % (uint)partitions));
    }

    public static string Name(string pollId, int bucket) => pollId + Marker + bucket.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>Every vote partition of the poll, in order.</summary>
    public static IReadOnlyList<string> All(string pollId, int partitions) => [.. Enumerable.Range(0, partitions).Select(bucket => Name(pollId, bucket))];

    /// <summary>The poll a partition of Polls belongs to: the poll's own partition, or one of its vote partitions.</summary>
    public static string PollIdOf(string partitionKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        var marker = partitionKey.IndexOf(Marker, StringComparison.Ordinal);
        return marker < 0 ? partitionKey : partitionKey[..marker];
    }
}
