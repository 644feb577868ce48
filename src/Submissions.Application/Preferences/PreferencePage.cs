using System.Globalization;
using System.Net;
using System.Text;
using Submissions.Application.Exports;
using Submissions.Application.Http;
using Submissions.Application.Links;
using Submissions.Domain.Consent;

namespace Submissions.Application.Preferences;

/// <summary>
/// The preference centre's page (<see cref="LinkPages"/>: no script, no external resource): each label the person
/// answered with its exact text, their answer and when they gave it, and one form that posts back to the same link
/// with a box per label. The form sends <c>shown</c> for every box it offers and <c>granted</c> for each ticked one, so
/// an unticked box is an answer too; a box that cannot change here is disabled and sends nothing.
/// </summary>
public static class PreferencePage
{
    public const string ShownField = "shown";
    public const string GrantedField = "granted";

    public const string Title = "Your choices";

    public static ApiResult Render(string token, PreferenceChoices choices, string? notice = null)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(choices);
        var body = new StringBuilder();
        if (notice is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p><strong>{WebUtility.HtmlEncode(notice)}</strong></p>\n");
        }

        if (choices.HoldsNone)
        {
            body.Append("<p>We hold no choices for this email address.</p>\n");
            return LinkPages.Page(Title, body.ToString());
        }

        var action = WebUtility.HtmlEncode($"?{SignedLinks.TokenParameter}={Uri.EscapeDataString(token)}");
        body.Append("<p>These are the answers you gave us with this email address. Untick a box to withdraw that consent, or tick one to give it. Nothing changes until you press the button.</p>\n");
        body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{action}\">\n<table>\n<thead><tr><th>Yes</th><th>What you were asked</th></tr></thead>\n<tbody>\n");
        foreach (var label in choices.Labels)
        {
            Row(body, label);
        }

        body.Append("</tbody>\n</table>\n<p><button type=\"submit\">Save my choices</button></p>\n</form>\n");
        body.Append("<p>Accepting the terms of a form is not a consent you can withdraw here: to leave, ask us to erase your data with a privacy request (/api/privacy-requests).</p>\n");
        body.Append("<p>Sharing your details with a partner can be withdrawn here but only given with an entry to one of its promotions: we never send your details to a partner without one.</p>\n");
        return LinkPages.Page(Title, body.ToString());
    }

    private static void Row(StringBuilder body, PreferenceLabel label)
    {
        var granted = label.State == ConsentStates.Granted;
        var changeable = granted ? label.CanWithdraw : label.CanGrant;
        var id = WebUtility.HtmlEncode("label-" + label.LabelId);
        var value = WebUtility.HtmlEncode(label.LabelId);
        body.Append(CultureInfo.InvariantCulture, $"<tr><td><input type=\"checkbox\" id=\"{id}\" name=\"{GrantedField}\" value=\"{value}\"{(granted ? " checked" : string.Empty)}{(changeable ? string.Empty : " disabled")}>");
        if (changeable)
        {
            body.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{ShownField}\" value=\"{value}\">");
        }

        body.Append(CultureInfo.InvariantCulture, $"</td><td><label for=\"{id}\">{WebUtility.HtmlEncode(label.Text ?? "(the wording of this question is no longer held)")}</label><br><small>{Answer(label)}</small>");
        if (Note(label, granted, changeable) is { } note)
        {
            body.Append(CultureInfo.InvariantCulture, $"<br><small>{WebUtility.HtmlEncode(note)}</small>");
        }

        body.Append("</td></tr>\n");
    }

    /// <summary>"Given on 24 November 2026 at 12:00 UTC", with how it was confirmed when it was.</summary>
    private static string Answer(PreferenceLabel label)
    {
        var what = label.State switch
        {
            ConsentStates.Granted => "Given",
            ConsentStates.Withdrawn => "Withdrawn",
            _ => "Declined",
        };
        var confirmed = label.ConfirmedAt is null ? string.Empty : ", confirmed from your mailbox";
        return WebUtility.HtmlEncode(string.Create(CultureInfo.InvariantCulture, $"{what} on {label.AnsweredAt.UtcDateTime:d MMMM yyyy} at {label.AnsweredAt.UtcDateTime:HH:mm} UTC{confirmed}."));
    }

    private static string? Note(PreferenceLabel label, bool granted, bool changeable) => (granted, changeable) switch
    {
        (true, false) => "Required: to leave, ask us to erase your data.",
        (false, true) when label.GrantText is not null => $"Ticking the box agrees to the current wording: {label.GrantText}",
        (false, false) when label.Purpose == ConsentPurpose.PartnerSharing => "Can only be given with an entry to one of the partner's promotions.",
        (false, false) => "Can be given again with the form that asks for it.",
        _ => null,
    };
}
