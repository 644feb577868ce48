using System.Text;
using Submissions.Domain.Privacy;

namespace Submissions.Domain.Tests.Privacy;

public sealed class SubjectKeyHasherTests
{
    private static readonly SubjectKeyHasher Hasher = new(Encoding.UTF8.GetBytes("pepper-one-0123456789abcdef-0123456789"));

    [Fact]
    public void Case_and_surrounding_space_do_not_change_the_key()
    {
        Assert.Equal(Hasher.For("ada@example.test"), Hasher.For("  Ada@Example.TEST "));
    }

    [Fact]
    public void Unicode_forms_of_one_address_give_one_key()
    {
        Assert.Equal(Hasher.For("jos\u00e9@example.test"), Hasher.For("jose\u0301@example.test"));
    }

    [Fact]
    public void The_key_is_64_hex_characters_and_does_not_contain_the_email()
    {
        var key = Hasher.For("ada@example.test").Value;

        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.DoesNotContain("ada", key, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_pepper_gives_another_key()
    {
        var other = new SubjectKeyHasher(Encoding.UTF8.GetBytes("pepper-two-0123456789abcdef-0123456789"));

        Assert.NotEqual(Hasher.For("ada@example.test"), other.For("ada@example.test"));
    }

    [Fact]
    public void The_key_is_not_a_plain_hash_of_the_email()
    {
        var plain = ContentHash.Sha256Hex(SubjectKeyHasher.NormalizeEmail("ada@example.test"));

        Assert.NotEqual(plain, Hasher.For("ada@example.test").Value);
    }

    [Fact]
    public void A_short_pepper_is_refused() =>
        Assert.Throws<ArgumentException>(() => new SubjectKeyHasher([1, 2, 3]));
}
