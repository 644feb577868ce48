using System.Buffers.Text;
using System.Text;
using Submissions.Domain.OptOut;
using Submissions.Domain.Privacy;

namespace Submissions.Domain.Tests.OptOut;

/// <summary>
/// The sealed opt-out token a lead carries (issue 19, item 4): a partner can pass it on, but learns nothing from it —
/// no subject key, no link between two partners' or two deliveries' tokens — and a retried webhook carries the same one.
/// </summary>
public sealed class SealedOptOutTokenTests
{
    private static readonly byte[] Pepper = Encoding.UTF8.GetBytes("pepper-one-0123456789abcdef-0123456789");
    private static readonly OptOutTokenSigner Signer = new(Pepper);
    private static readonly SubjectKey Subject = new SubjectKeyHasher(Pepper).For("ada@example.test");
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly OptOutScope DemoPartner = OptOutScope.Partner("demo-partner");

    [Fact]
    public void A_sealed_token_round_trips_its_subject_scope_and_issue_time()
    {
        var token = Signer.IssueSealed(Subject, DemoPartner, Now.AddMinutes(-3), "0197a3c4e5f67b8c9d0e1f2a3b4c5d6e");

        Assert.Equal(OptOutTokenSigner.SealedVersion, Base64Url.DecodeFromChars(token)[0]);
        Assert.True(Signer.TryVerify(token, Now, out var claim));
        Assert.Equal((Subject, DemoPartner, Now.AddMinutes(-3)), (claim.Subject, claim.Scope, claim.IssuedAt));
    }

    [Fact]
    public void The_same_delivery_gets_the_same_token_and_anything_else_a_different_one()
    {
        var first = Signer.IssueSealed(Subject, DemoPartner, Now, "delivery-1");

        Assert.Equal(first, Signer.IssueSealed(Subject, DemoPartner, Now, "delivery-1"));
        string[] others =
        [
            Signer.IssueSealed(Subject, DemoPartner, Now, "delivery-2"),
            Signer.IssueSealed(Subject, OptOutScope.Partner("other-partner"), Now, "delivery-1"),
            Signer.IssueSealed(Subject, DemoPartner, Now.AddSeconds(1), "delivery-1"),
            Signer.Issue(Subject, DemoPartner, Now),
        ];
        Assert.Equal(others.Length + 1, others.Append(first).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_sealed_token_shows_neither_the_subject_key_nor_its_bytes_and_two_share_no_run_of_them()
    {
        var subjectBytes = Convert.FromHexString(Subject.Value);
        var one = Base64Url.DecodeFromChars(Signer.IssueSealed(Subject, DemoPartner, Now, "delivery-1"));
        var two = Base64Url.DecodeFromChars(Signer.IssueSealed(Subject, OptOutScope.Partner("other-partner"), Now, "delivery-2"));

        foreach (var token in new[] { one, two })
        {
            Assert.False(Contains(token, subjectBytes.AsSpan(0, 8)), "The token holds the subject key's bytes.");
            Assert.DoesNotContain(Subject.Value, Base64Url.EncodeToString(token), StringComparison.OrdinalIgnoreCase);
        }

        // Two partners' tokens for one person share no 8-byte run past the version byte: nothing to join them on.
        for (var start = 1; start + 8 <= one.Length; start++)
        {
            Assert.False(Contains(two, one.AsSpan(start, 8)), $"A run at {start} repeats.");
        }
    }

    [Fact]
    public void Every_single_bit_flip_truncation_and_extension_of_a_sealed_token_fails()
    {
        var bytes = Base64Url.DecodeFromChars(Signer.IssueSealed(Subject, DemoPartner, Now, "delivery-1"));

        for (var bit = 0; bit < bytes.Length * 8; bit++)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(Signer.TryVerify(Base64Url.EncodeToString(flipped), Now, out _), $"bit {bit}");
        }

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(Signer.TryVerify(Base64Url.EncodeToString(bytes.AsSpan(0, length)), Now, out _), $"length {length}");
        }

        Assert.False(Signer.TryVerify(Base64Url.EncodeToString([.. bytes, 0]), Now, out _));
    }

    [Fact]
    public void Random_sealed_bytes_of_every_plausible_length_fail_without_an_exception()
    {
        var random = new Random(20261204);
        for (var length = 1; length <= 200; length++)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            bytes[0] = OptOutTokenSigner.SealedVersion;

            Assert.False(Signer.TryVerify(Base64Url.EncodeToString(bytes), Now, out _), $"length {length}");
        }
    }

    [Fact]
    public void A_sealed_token_of_another_pepper_or_issued_in_the_future_fails()
    {
        var other = new OptOutTokenSigner(Encoding.UTF8.GetBytes("pepper-two-0123456789abcdef-0123456789"));

        Assert.False(Signer.TryVerify(other.IssueSealed(Subject, DemoPartner, Now, "delivery-1"), Now, out _));
        Assert.True(Signer.TryVerify(Signer.IssueSealed(Subject, DemoPartner, Now.AddMinutes(5), "delivery-1"), Now, out _));
        Assert.False(Signer.TryVerify(Signer.IssueSealed(Subject, DemoPartner, Now.AddMinutes(6), "delivery-1"), Now, out _));
    }

    [Fact]
    public void The_longest_sealed_token_fits_the_length_limit()
    {
        var token = Signer.IssueSealed(Subject, OptOutScope.Partner(new string('p', 64)), Now, new string('d', 100));

        Assert.True(token.Length <= OptOutTokenSigner.MaxTokenLength);
        Assert.True(Signer.TryVerify(token, Now, out _));
    }

    private static bool Contains(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle) => haystack.IndexOf(needle) >= 0;
}
