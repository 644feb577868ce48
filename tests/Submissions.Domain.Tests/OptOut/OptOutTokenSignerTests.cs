using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Submissions.Domain.OptOut;
using Submissions.Domain.Privacy;

namespace Submissions.Domain.Tests.OptOut;

public sealed class OptOutTokenSignerTests
{
    private static readonly byte[] Pepper = Encoding.UTF8.GetBytes("pepper-one-0123456789abcdef-0123456789");
    private static readonly OptOutTokenSigner Signer = new(Pepper);
    private static readonly SubjectKey Subject = new SubjectKeyHasher(Pepper).For("ada@example.test");
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Scopes whose tokens are 87, 93 and 83 bytes long: no stray bits, and two stray bits in the last character.</summary>
    public static TheoryData<string> Scopes { get; } = ["special-offers", "partner:demo-partner", "partner:ab"];

    [Theory]
    [MemberData(nameof(Scopes))]
    public void A_token_round_trips_its_subject_scope_and_issue_time(string scopeText)
    {
        Assert.True(OptOutScope.TryParse(scopeText, out var scope));
        var issuedAt = Now.AddMilliseconds(750);

        var token = Signer.Issue(Subject, scope, issuedAt);

        Assert.True(Signer.TryVerify(token, Now, out var claim));
        Assert.Equal(Subject, claim.Subject);
        Assert.Equal(scope, claim.Scope);
        Assert.Equal(Now, claim.IssuedAt); // whole seconds
    }

    [Fact]
    public void A_token_is_url_safe_and_does_not_show_the_subject_key()
    {
        var token = Signer.Issue(Subject, OptOutScope.Partner(new string('p', 64)), Now);

        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.True(token.Length <= OptOutTokenSigner.MaxTokenLength);
        Assert.DoesNotContain(Subject.Value, token, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Subject.ShortForm, token, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Tokens_do_not_expire()
    {
        var token = Signer.Issue(Subject, OptOutScope.SpecialOffers, Now.AddYears(-10));

        Assert.True(Signer.TryVerify(token, Now, out var claim));
        Assert.Equal(Now.AddYears(-10), claim.IssuedAt);
    }

    [Fact]
    public void An_issue_time_up_to_five_minutes_ahead_is_clock_skew_and_beyond_is_refused()
    {
        Assert.True(Signer.TryVerify(Signer.Issue(Subject, OptOutScope.SpecialOffers, Now.AddMinutes(5)), Now, out _));
        Assert.False(Signer.TryVerify(Signer.Issue(Subject, OptOutScope.SpecialOffers, Now.AddMinutes(5).AddSeconds(1)), Now, out var claim));
        Assert.Null(claim);
        Assert.False(Signer.TryVerify(Signer.Issue(Subject, OptOutScope.SpecialOffers, Now.AddDays(365)), Now, out _));
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public void Every_single_bit_flip_of_the_token_bytes_fails(string scopeText)
    {
        Assert.True(OptOutScope.TryParse(scopeText, out var scope));
        var bytes = Base64Url.DecodeFromChars(Signer.Issue(Subject, scope, Now));

        for (var bit = 0; bit < bytes.Length * 8; bit++)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(Signer.TryVerify(Base64Url.EncodeToString(flipped), Now, out _), $"bit {bit}");
        }
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public void Every_single_bit_flip_of_the_token_text_fails(string scopeText)
    {
        Assert.True(OptOutScope.TryParse(scopeText, out var scope));
        var token = Signer.Issue(Subject, scope, Now);

        for (var index = 0; index < token.Length; index++)
        {
            for (var bit = 0; bit < 16; bit++)
            {
                var characters = token.ToCharArray();
                characters[index] = (char)(characters[index] ^ (1 << bit));
                Assert.False(Signer.TryVerify(new string(characters), Now, out _), $"character {index}, bit {bit}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public void Truncated_and_extended_tokens_fail(string scopeText)
    {
        Assert.True(OptOutScope.TryParse(scopeText, out var scope));
        var token = Signer.Issue(Subject, scope, Now);

        for (var length = 0; length < token.Length; length++)
        {
            Assert.False(Signer.TryVerify(token[..length], Now, out _), $"length {length}");
            Assert.False(Signer.TryVerify(token[(token.Length - length)..], Now, out _), $"suffix {length}");
        }

        foreach (var extended in new[] { token + "A", token + "AA", token + "AAAA", token + "=", token + "==", " " + token, token + " ", token + "\n", token + token })
        {
            Assert.False(Signer.TryVerify(extended, Now, out _), extended);
        }
    }

    [Fact]
    public void A_token_with_the_mac_cut_off_or_doubled_fails()
    {
        var bytes = Base64Url.DecodeFromChars(Signer.Issue(Subject, OptOutScope.SpecialOffers, Now));

        Assert.False(Signer.TryVerify(Base64Url.EncodeToString(bytes.AsSpan(0, bytes.Length - 32)), Now, out _));
        Assert.False(Signer.TryVerify(Base64Url.EncodeToString([.. bytes, .. bytes.AsSpan(bytes.Length - 32)]), Now, out _));
    }

    public static TheoryData<string> Garbage { get; } =
    [
        "", " ", "=", "====", "A", "AAAA", "not-a-token", "%%%%", "token=abc", "<script>", "\u00e9\u00e9\u00e9\u00e9",
        "AQ", new string('A', 200), new string('A', 10_000), new string('-', 120), new string('_', 121),
        Convert.ToBase64String(new byte[87]), // standard base64 of the right length: '+' and '/' are not base64url
    ];

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Garbage_fails_without_an_exception(string token)
    {
        Assert.False(Signer.TryVerify(token, Now, out var claim));
        Assert.Null(claim);
    }

    [Fact]
    public void No_token_fails_without_an_exception() => Assert.False(Signer.TryVerify(null, Now, out _));

    [Fact]
    public void Random_bytes_of_every_plausible_length_fail()
    {
        var random = new Random(20261124);
        for (var length = 0; length <= 200; length++)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            if (length > 0)
            {
                bytes[0] = OptOutTokenSigner.Version;
            }

            Assert.False(Signer.TryVerify(Base64Url.EncodeToString(bytes), Now, out _), $"length {length}");
        }
    }

    [Fact]
    public void A_longer_token_than_any_issued_is_refused_before_decoding()
    {
        var longest = Signer.Issue(Subject, OptOutScope.Partner(new string('p', 64)), Now);

        Assert.Equal(OptOutTokenSigner.MaxTokenLength, longest.Length);
        Assert.True(Signer.TryVerify(longest, Now, out _));
        Assert.False(Signer.TryVerify(longest + "AAAA", Now, out _));
    }

    [Fact]
    public void Swapping_the_scope_of_a_signed_token_fails()
    {
        var offers = Base64Url.DecodeFromChars(Signer.Issue(Subject, OptOutScope.SpecialOffers, Now));
        var partner = Base64Url.DecodeFromChars(Signer.Issue(Subject, OptOutScope.Partner("demo-partner"), Now));

        // The offers token's header and MAC around the partner token's scope, and the other way round.
        byte[] offersWithPartnerScope = [.. offers.AsSpan(0, 41), .. partner.AsSpan(41, partner.Length - 41 - 32), .. offers.AsSpan(offers.Length - 32)];
        byte[] partnerWithOffersScope = [.. partner.AsSpan(0, 41), .. offers.AsSpan(41, offers.Length - 41 - 32), .. partner.AsSpan(partner.Length - 32)];

        Assert.False(Signer.TryVerify(Base64Url.EncodeToString(offersWithPartnerScope), Now, out _));
        Assert.False(Signer.TryVerify(Base64Url.EncodeToString(partnerWithOffersScope), Now, out _));
    }

    [Fact]
    public void Swapping_the_subject_of_a_signed_token_fails()
    {
        var other = new SubjectKeyHasher(Pepper).For("grace@example.test");
        var mine = Base64Url.DecodeFromChars(Signer.Issue(Subject, OptOutScope.SpecialOffers, Now));
        var theirs = Base64Url.DecodeFromChars(Signer.Issue(other, OptOutScope.SpecialOffers, Now));
        theirs.AsSpan(1, 32).CopyTo(mine.AsSpan(1, 32));

        Assert.False(Signer.TryVerify(Base64Url.EncodeToString(mine), Now, out _));
    }

    [Fact]
    public void A_token_from_a_signer_with_another_pepper_fails()
    {
        var other = new OptOutTokenSigner(Encoding.UTF8.GetBytes("pepper-two-0123456789abcdef-0123456789"));

        Assert.False(Signer.TryVerify(other.Issue(Subject, OptOutScope.SpecialOffers, Now), Now, out _));
        Assert.False(other.TryVerify(Signer.Issue(Subject, OptOutScope.SpecialOffers, Now), Now, out _));
    }

    [Fact]
    public void The_layout_and_key_derivation_are_as_documented()
    {
        var forged = Forge(OptOutKey(Pepper), 1, Subject, Now, "partner:demo-partner");

        Assert.Equal(Signer.Issue(Subject, OptOutScope.Partner("demo-partner"), Now), forged);
        Assert.True(Signer.TryVerify(forged, Now, out var claim));
        Assert.Equal(OptOutScope.Partner("demo-partner"), claim.Scope);
    }

    [Theory]
    [InlineData("submissions/subject-key/v1")]
    [InlineData("submissions/payload-fingerprint/v1")]
    [InlineData("submissions/opt-out-token/v2")]
    [InlineData("")]
    public void A_token_signed_with_a_key_derived_for_another_purpose_fails(string purpose)
    {
        var key = HMACSHA256.HashData(Pepper, Encoding.UTF8.GetBytes(purpose));

        Assert.False(Signer.TryVerify(Forge(key, 1, Subject, Now, "special-offers"), Now, out _));
    }

    [Fact]
    public void The_raw_pepper_as_the_key_fails()
    {
        Assert.False(Signer.TryVerify(Forge(Pepper, 1, Subject, Now, "special-offers"), Now, out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(255)]
    public void A_correctly_signed_token_of_another_version_fails(byte version)
    {
        Assert.False(Signer.TryVerify(Forge(OptOutKey(Pepper), version, Subject, Now, "special-offers"), Now, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("terms")]
    [InlineData("Special-Offers")]
    [InlineData("special-offers ")]
    [InlineData("partner:")]
    [InlineData("partner:X")]
    [InlineData("partner:demo partner")]
    [InlineData("partner:d\u00e9mo")]
    [InlineData("special-offers\0")]
    public void A_correctly_signed_token_with_a_bad_scope_fails(string scope)
    {
        Assert.False(Signer.TryVerify(Forge(OptOutKey(Pepper), 1, Subject, Now, scope), Now, out _));
    }

    [Fact]
    public void A_correctly_signed_token_with_a_negative_issue_time_fails()
    {
        Assert.False(Signer.TryVerify(Forge(OptOutKey(Pepper), 1, Subject, DateTimeOffset.UnixEpoch.AddSeconds(-1), "special-offers"), Now, out _));
        Assert.False(Signer.TryVerify(Forge(OptOutKey(Pepper), 1, Subject, long.MinValue, "special-offers"), Now, out _));
        Assert.False(Signer.TryVerify(Forge(OptOutKey(Pepper), 1, Subject, long.MaxValue, "special-offers"), Now, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("g123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef00")]
    public void Issuing_for_something_that_is_not_a_subject_key_throws(string subject) =>
        Assert.Throws<ArgumentException>(() => Signer.Issue(new SubjectKey(subject), OptOutScope.SpecialOffers, Now));

    [Fact]
    public void A_short_pepper_is_refused() =>
        Assert.Throws<ArgumentException>(() => new OptOutTokenSigner([1, 2, 3]));

    private static byte[] OptOutKey(byte[] pepper) => HMACSHA256.HashData(pepper, "submissions/opt-out-token/v1"u8);

    private static string Forge(byte[] key, byte version, SubjectKey subject, DateTimeOffset issuedAt, string scope) =>
        Forge(key, version, subject, issuedAt.ToUnixTimeSeconds(), scope);

    /// <summary>The documented layout, built by hand: version | subject | issued at (big-endian) | scope | HMAC.</summary>
    private static string Forge(byte[] key, byte version, SubjectKey subject, long issuedAt, string scope)
    {
        var issued = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(issued, issuedAt);
        byte[] signed = [version, .. Convert.FromHexString(subject.Value), .. issued, .. Encoding.UTF8.GetBytes(scope)];
        return Base64Url.EncodeToString([.. signed, .. HMACSHA256.HashData(key, signed)]);
    }
}
