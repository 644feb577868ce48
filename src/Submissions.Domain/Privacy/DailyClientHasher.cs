using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Submissions.Domain.Privacy;

/// <summary>
/// Turns a client IP address into a key that is stable for one UTC day and unlinkable across days: HMAC with a salt
/// derived from the pepper and the date (the approach Plausible uses). Enough to rate-limit and de-duplicate within
/// a day; useless for following a person over time. The address itself is never kept.
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

        key = HMACSHA256.HashData(pepper, "submissions/client-day-salt/v1"u8);
    }

    /// <summary>32 hex characters. IPv6 clients are grouped by /64, the block one subscriber usually holds.</summary>
    public string For(IPAddress address, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(address);
        var salt = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        return Convert.ToHexStringLower(HMACSHA256.HashData(salt, Normalize(address)))[..32];
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
