using System.Globalization;
using System.Net;
using Submissions.Application.Mail;
using Submissions.Domain.PrivacyRequests;
using Submissions.Storage.PrivacyRequests;

namespace Submissions.Application.PrivacyRequests;

/// <summary>
/// The mails of a privacy request, by stage: the confirm link, the download link (access) and "your data was erased".
/// Plain text and HTML of the same content; no image, no remote resource, no tracking.
/// </summary>
public static class PrivacyRequestMail
{
    /// <param name="stage">The request's <see cref="PrivacyRequestMailStage"/>.</param>
    /// <param name="kind">access or erasure.</param>
    /// <param name="to">The address the request was made for.</param>
    /// <param name="messageId">The same on every retry of this mail.</param>
    /// <param name="link">The confirm or download link; null for the last erasure mail.</param>
    /// <param name="linkExpiresAt">Until when the link works.</param>
    public static OutgoingMail Compose(string stage, string kind, string to, string messageId, Uri? link, DateTimeOffset linkExpiresAt)
    {
        var what = kind == PrivacyRequestKinds.Erasure ? "erase the data we hold about you" : "send you a copy of the data we hold about you";
        var until = linkExpiresAt.ToString("d MMMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var (subject, paragraphs, button) = stage switch
        {
            PrivacyRequestMailStage.Link => (
                kind == PrivacyRequestKinds.Erasure ? "Confirm: erase your data" : "Confirm: a copy of your data",
                new[]
                {
                    $"Someone asked us, with this email address, to {what}. If it was you, confirm the request with the link below (it works until {until}):",
                    "If it was not you, ignore this mail: nothing happens and the request is deleted.",
                },
                "Confirm the request"),
            PrivacyRequestMailStage.Download => (
                "Your data is ready",
                new[]
                {
                    $"You confirmed your request for a copy of your data. Download it as one JSON file with the link below (it works until {until}; every download is built fresh):",
                    "Keep the file safe: it holds everything we store about you.",
                },
                "Download your data"),
            _ => (
                "Your data was erased",
                new[]
                {
                    "As you asked and confirmed, everything we stored about this address has been erased, and every partner that received your data has been told to erase it.",
                    "This is the last mail we send to this address about it; we do not keep the address.",
                },
                null),
        };

        var text = "Hello,\n\n" + string.Join("\n\n", paragraphs.Take(1)) + (link is null ? string.Empty : "\n\n" + link.AbsoluteUri)
            + "\n\n" + string.Join("\n\n", paragraphs.Skip(1)) + "\n";
        static string E(string value) => WebUtility.HtmlEncode(value);
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{E(subject)}</title></head>
            <body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b;max-width:36rem">
            <p>Hello,</p>
            <p>{E(paragraphs[0])}</p>
            {(link is null ? string.Empty : $"<p><a href=\"{E(link.AbsoluteUri)}\">{E(button!)}</a></p>")}
            {string.Concat(paragraphs.Skip(1).Select(paragraph => $"<p>{E(paragraph)}</p>"))}
            </body></html>
            """;
        return new OutgoingMail(to, subject, text, html, messageId);
    }
}
