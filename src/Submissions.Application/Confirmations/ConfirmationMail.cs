using System.Globalization;
using System.Net;
using System.Text;
using Submissions.Application.Mail;
using Submissions.Domain.Consent;

namespace Submissions.Application.Confirmations;

/// <summary>
/// The confirmation mail: what the person submitted in words, the exact text of each label they granted, the receipt
/// id, the confirm link and the preference-centre link. Plain text and HTML of the same content; no image, no remote
/// resource, no tracking of any kind.
/// </summary>
public static class ConfirmationMail
{
    public static OutgoingMail Compose(
        string to, string messageId, SubmissionSummary summary, IReadOnlyList<ConsentLabel> granted, string receiptId,
        Uri confirm, Uri preferences, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(granted);
        ArgumentNullException.ThrowIfNull(confirm);
        ArgumentNullException.ThrowIfNull(preferences);
        var expires = expiresAt.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        var subject = $"Please confirm {summary.What}";

        var text = new StringBuilder()
            .AppendLine("Hello,")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Your email address was given with {summary.What} on our site. If it was you, please confirm it:")
            .AppendLine()
            .AppendLine(confirm.AbsoluteUri)
            .AppendLine()
            .AppendLine("Until you confirm, nothing you agreed to takes effect: nothing is shared with a partner and no offers are sent.")
            .AppendLine(CultureInfo.InvariantCulture, $"If it was not you, ignore this mail: the submission is deleted on {expires}.")
            .AppendLine()
            .AppendLine("What was submitted:");
        foreach (var line in summary.Lines)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
        }

        text.AppendLine().AppendLine(granted.Count == 0 ? "You agreed to nothing beyond the submission itself." : "What you agreed to, in the exact words you saw:");
        foreach (var label in granted)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- \"{label.Text}\" ({label.LabelId}, version {label.Version})");
        }

        text.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Receipt: {receiptId}")
            .AppendLine()
            .AppendLine("See or change your choices at any time, or stop all mail from us:")
            .AppendLine(preferences.AbsoluteUri);

        return new OutgoingMail(to, subject, text.ToString(), Html(summary, granted, receiptId, confirm, preferences, expires), messageId);
    }

    private static string Html(SubmissionSummary summary, IReadOnlyList<ConsentLabel> granted, string receiptId, Uri confirm, Uri preferences, string expires)
    {
        static string E(string value) => WebUtility.HtmlEncode(value);
        var lines = string.Concat(summary.Lines.Select(line => $"<li>{E(line)}</li>"));
        var labels = granted.Count == 0
            ? "<p>You agreed to nothing beyond the submission itself.</p>"
            : "<p>What you agreed to, in the exact words you saw:</p><ul>"
                + string.Concat(granted.Select(label => $"<li>&ldquo;{E(label.Text)}&rdquo; <small>({E(label.LabelId)}, version {label.Version})</small></li>"))
                + "</ul>";
        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Please confirm {E(summary.What)}</title></head>
            <body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b;max-width:36rem">
            <p>Hello,</p>
            <p>Your email address was given with {E(summary.What)} on our site. If it was you, please confirm it:</p>
            <p><a href="{E(confirm.AbsoluteUri)}">Confirm</a></p>
            <p>Until you confirm, nothing you agreed to takes effect: nothing is shared with a partner and no offers are sent.
            If it was not you, ignore this mail: the submission is deleted on {E(expires)}.</p>
            <p>What was submitted:</p><ul>{lines}</ul>
            {labels}
            <p>Receipt: <code>{E(receiptId)}</code></p>
            <p><a href="{E(preferences.AbsoluteUri)}">See or change your choices</a> at any time, or stop all mail from us.</p>
            </body></html>
            """;
    }
}
