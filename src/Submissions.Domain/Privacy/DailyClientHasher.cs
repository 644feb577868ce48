using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Submissions.Domain.Privacy;

/// <summary>
/// Turns a client IP address into a key that is stable for one UTC day and unlinkable across days: HMAC under a key
/// made of the pepper and that day's random salt (the approach Plausible uses: a random salt per day, deleted when the
/// day ends). Without the day's salt nobody — not even a holder of the pepper — can test guessed addresses against a
/// key, and the salt is gone once the day is over. Enough to rate-limit within a day; useless for following a person
/// over time. The address itself is never kept.
/// </summary>
public sealed class DailyClientHasher
{
    private readonly byte[] key;

    public DailyClientHasher(byte[] pepper)
    {
        ArgumentNullException.ThrowIfNull(pepper);
        if (pepper.Length < 16)
        {
            throw new ArgumentException("The pepper must be at least 16 bytes.", nameof(pepper));
        }

        key = HMACSHA256.HashData(pepper, "submissions/client-day-salt/v2"u8);
    }

    /// <summary>32 hex characters. IPv6 clients are grouped by /64, the block one subscriber usually holds.</summary>
    /// <param name="address">The client's address; kept nowhere.</param>
    /// <param name="daySalt">The day's random salt (at least 16 bytes), the same on every instance that day.</param>
    public string For(IPAddress address, ReadOnlySpan<byte> daySalt)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (daySalt.Length < 16)
        {
            throw new ArgumentException("A day's salt must be at least 16 random bytes.", nameof(daySalt));
        }

        var dayKey = HMACSHA256.HashData(key, daySalt);
        return Convert.ToHexStringLower(HMACSHA256.HashData(dayKey, Normalize(address)))[..32];
    }

    private static byte[] Normalize(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? bytes[..8] : bytes;
    }
}
