namespace Submissions.Application.OptOut;

/// <summary>
/// An opt-out link and the RFC 8058 header values a mail carrying it must send:
/// <c>List-Unsubscribe: &lt;url&gt;</c> and <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c>.
/// </summary>
public sealed record OptOutLink(Uri Url, string ListUnsubscribe, string ListUnsubscribePost)
{
    public const string ListUnsubscribeHeader = "List-Unsubscribe";
    public const string ListUnsubscribePostHeader = "List-Unsubscribe-Post";

    /// <summary>The one-click value of List-Unsubscribe-Post, and the form body a one-click POST carries.</summary>
    public const string OneClick = "List-Unsubscribe=One-Click";

    /// <summary>Both headers, by name, ready to add to an outgoing mail.</summary>
    public IReadOnlyDictionary<string, string> Headers => new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [ListUnsubscribeHeader] = ListUnsubscribe,
        [ListUnsubscribePostHeader] = ListUnsubscribePost,
    };
}
