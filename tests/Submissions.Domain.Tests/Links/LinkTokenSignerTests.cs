using System.Buffers.Text;
using System.Text;
using Submissions.Domain.Links;

namespace Submissions.Domain.Tests.Links;

public sealed class LinkTokenSignerTests
{
    private static readonly byte[] Pepper = Encoding.UTF8.GetBytes("a-test-pepper-of-more-than-16-bytes");
    private static readonly DateTimeOffset Expires = new(2026, 12, 10, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_token_reads_back_its_id_and_expiry()
    {
        var signer = new LinkTokenSigner(Pepper, LinkPurpose.Confirmation);
        var id = Guid.CreateVersion7();

        var claim = signer.Read(signer.Issue(id.ToByteArray(), Expires));

        Assert.NotNull(claim);
        Assert.Equal(id.ToString("N"), claim.IdAsGuidText());
        Assert.Equal(Expires, claim.ExpiresAt);
        Assert.False(claim.IsExpiredAt(Expires.AddSeconds(-1)));
        Assert.True(claim.IsExpiredAt(Expires));
    }

    [Fact]
    public void A_token_of_one_purpose_never_reads_for_another_even_with_an_id_of_the_same_length()
    {
        var id = Guid.CreateVersion7().ToByteArray();
        var confirmation = new LinkTokenSigner(Pepper, LinkPurpose.Confirmation).Issue(id, Expires);

        Assert.Null(new LinkTokenSigner(Pepper, LinkPurpose.PrivacyRequest).Read(confirmation));
        Assert.Null(new LinkTokenSigner(Pepper, LinkPurpose.AccessDownload).Read(confirmation));
        Assert.Null(new LinkTokenSigner(Pepper, LinkPurpose.Preferences).Read(confirmation));
        Assert.Null(new LinkTokenSigner(Encoding.UTF8.GetBytes("another-pepper-of-more-than-16-bytes"), LinkPurpose.Confirmation).Read(confirmation));
    }

    [Fact]
    public void Every_changed_byte_and_every_other_spelling_is_refused()
    {
        var signer = new LinkTokenSigner(Pepper, LinkPurpose.Preferences);
        var token = signer.Issue(new byte[32], Expires);
        var bytes = Base64Url.DecodeFromChars(token);

        for (var i = 0; i < bytes.Length; i++)
        {
            var changed = (byte[])bytes.Clone();
            changed[i] ^= 0x01;
            Assert.Null(signer.Read(Base64Url.EncodeToString(changed)));
        }

        Assert.Null(signer.Read(token + "="));
        Assert.Null(signer.Read(token[..^1]));
        Assert.Null(signer.Read(" " + token[1..]));
        Assert.Null(signer.Read(null));
        Assert.Null(signer.Read(string.Empty));
        Assert.Null(signer.Read(new string('A', signer.MaxTokenLength)));
    }

    [Fact]
    public void An_id_of_the_wrong_length_cannot_be_issued()
    {
        var signer = new LinkTokenSigner(Pepper, LinkPurpose.Confirmation);

        Assert.Throws<ArgumentException>(() => signer.Issue(new byte[32], Expires));
    }

    [Fact]
    public void A_printed_claim_shows_no_id()
    {
        var claim = new LinkClaim([1, 2, 3], Expires);

        Assert.Equal(nameof(LinkClaim), claim.ToString());
    }
}
