using System.Net;
using System.Text;
using Submissions.Domain.Privacy;

namespace Submissions.Domain.Tests.Privacy;

public sealed class DailyClientHasherTests
{
    private static readonly DailyClientHasher Hasher = new(Encoding.UTF8.GetBytes("pepper-one-0123456789abcdef-0123456789"));
    private static readonly DateOnly Day = new(2026, 11, 24);

    [Fact]
    public void One_address_on_one_day_has_one_key_that_does_not_contain_it()
    {
        var key = Hasher.For(IPAddress.Parse("203.0.113.7"), Day);

        Assert.Equal(key, Hasher.For(IPAddress.Parse("203.0.113.7"), Day));
        Assert.Matches("^[0-9a-f]{32}$", key);
        Assert.DoesNotContain("203", key, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_rotates_every_day() =>
        Assert.NotEqual(Hasher.For(IPAddress.Parse("203.0.113.7"), Day), Hasher.For(IPAddress.Parse("203.0.113.7"), Day.AddDays(1)));

    [Fact]
    public void Different_addresses_have_different_keys() =>
        Assert.NotEqual(Hasher.For(IPAddress.Parse("203.0.113.7"), Day), Hasher.For(IPAddress.Parse("203.0.113.8"), Day));

    [Fact]
    public void An_IPv6_subscriber_block_is_one_client()
    {
        Assert.Equal(Hasher.For(IPAddress.Parse("2001:db8:1:2::1"), Day), Hasher.For(IPAddress.Parse("2001:db8:1:2:ffff::9"), Day));
        Assert.NotEqual(Hasher.For(IPAddress.Parse("2001:db8:1:2::1"), Day), Hasher.For(IPAddress.Parse("2001:db8:1:3::1"), Day));
    }

    [Fact]
    public void An_IPv4_mapped_address_is_the_IPv4_address() =>
        Assert.Equal(Hasher.For(IPAddress.Parse("203.0.113.7"), Day), Hasher.For(IPAddress.Parse("::ffff:203.0.113.7"), Day));

    [Fact]
    public void Another_pepper_gives_unrelated_keys()
    {
        var other = new DailyClientHasher(Encoding.UTF8.GetBytes("pepper-two-0123456789abcdef-0123456789"));

        Assert.NotEqual(Hasher.For(IPAddress.Loopback, Day), other.For(IPAddress.Loopback, Day));
    }
}
