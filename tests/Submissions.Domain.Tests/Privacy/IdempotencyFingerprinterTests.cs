using System.Text;
using Submissions.Domain.Privacy;

namespace Submissions.Domain.Tests.Privacy;

public sealed class IdempotencyFingerprinterTests
{
    private static readonly IdempotencyFingerprinter Fingerprints = new(Encoding.UTF8.GetBytes("pepper-one-0123456789abcdef-0123456789"));
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"email":"ada@example.test","displayName":"Ada"}""");

    [Fact]
    public void Neither_hash_is_a_plain_SHA_256()
    {
        Assert.NotEqual(ContentHash.Sha256Hex(Body), Fingerprints.OfRequest(Body));
        Assert.NotEqual(ContentHash.Sha256Hex("key-1"), Fingerprints.OfKey("key-1"));
    }

    [Fact]
    public void The_key_and_the_body_are_hashed_under_different_keys_and_another_pepper_gives_other_hashes()
    {
        var other = new IdempotencyFingerprinter(Encoding.UTF8.GetBytes("pepper-two-0123456789abcdef-0123456789"));

        Assert.NotEqual(Fingerprints.OfKey("same"), Fingerprints.OfRequest("same"u8));
        Assert.NotEqual(Fingerprints.OfRequest(Body), other.OfRequest(Body));
        Assert.Equal(Fingerprints.OfRequest(Body), Fingerprints.OfRequest(Body));
        Assert.Matches("^[0-9a-f]{64}$", Fingerprints.OfKey("key-1"));
    }

    [Fact]
    public void A_short_pepper_is_refused() =>
        Assert.Throws<ArgumentException>(() => new IdempotencyFingerprinter([1, 2, 3]));
}
