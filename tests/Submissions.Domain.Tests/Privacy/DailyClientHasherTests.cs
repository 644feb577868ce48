using System.Net;
using System.Security.Cryptography;
using System.Text;
using Submissions.Domain.Privacy;

namespace Submissions.Domain.Tests.Privacy;

public sealed class DailyClientHasherTests
{
    private static readonly DailyClientHasher Hasher = new(Encoding.UTF8.GetBytes("pepper-one-0123456789abcdef-0123456789"));
    private static readonly byte[] Salt = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void One_address_under_one_salt_has_one_key_that_does_not_contain_it()
    {
        var key = Hasher.For(IPAddress.Parse("203.0.113.7"), Salt);

        Assert.Equal(key, Hasher.For(IPAddress.Parse("203.0.113.7"), Salt));
        Assert.Matches("^[0-9a-f]{32}$", key);
        // Neither the address as text nor its bytes in hex (a random key may well hold "203" by chance: 32 hex digits).
        Assert.DoesNotContain("203.0.113.7", key, StringComparison.Ordinal);
        Assert.DoesNotContain("cb007107", key, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_days_salt_gives_an_unrelated_key() =>
        Assert.NotEqual(Hasher.For(IPAddress.Parse("203.0.113.7"), Salt), Hasher.For(IPAddress.Parse("203.0.113.7"), RandomNumberGenerator.GetBytes(32)));

    [Fact]
    public void The_pepper_alone_does_not_give_the_key()
    {
        // The old salt was HMAC(pepper, date): whoever held the pepper could recompute any day's keys. Now the same pepper
        // and the same address give keys that depend on a salt that is random and deleted when its day ends.
        var sameDayOtherSalt = Hasher.For(IPAddress.Parse("203.0.113.7"), RandomNumberGenerator.GetBytes(32));

        Assert.NotEqual(Hasher.For(IPAddress.Parse("203.0.113.7"), Salt), sameDayOtherSalt);
    }

    [Fact]
    public void Different_addresses_have_different_keys() =>
        Assert.NotEqual(Hasher.For(IPAddress.Parse("203.0.113.7"), Salt), Hasher.For(IPAddress.Parse("203.0.113.8"), Salt));

    [Fact]
    public void An_IPv6_subscriber_block_is_one_client()
    {
        Assert.Equal(Hasher.For(IPAddress.Parse("2001:db8:1:2::1"), Salt), Hasher.For(IPAddress.Parse("2001:db8:1:2:ffff::9"), Salt));
        Assert.NotEqual(Hasher.For(IPAddress.Parse("2001:db8:1:2::1"), Salt), Hasher.For(IPAddress.Parse("2001:db8:1:3::1"), Salt));
    }

    [Fact]
    public void An_IPv4_mapped_address_is_the_IPv4_address() =>
        Assert.Equal(Hasher.For(IPAddress.Parse("203.0.113.7"), Salt), Hasher.For(IPAddress.Parse("::ffff:203.0.113.7"), Salt));

    [Fact]
    public void Another_pepper_gives_unrelated_keys()
    {
        var other = new DailyClientHasher(Encoding.UTF8.GetBytes("pepper-two-0123456789abcdef-0123456789"));

        Assert.NotEqual(Hasher.For(IPAddress.Loopback, Salt), other.For(IPAddress.Loopback, Salt));
    }

    [Fact]
    public void A_short_salt_is_refused() =>
        Assert.Throws<ArgumentException>(() => Hasher.For(IPAddress.Loopback, new byte[8]));
}
