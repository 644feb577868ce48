namespace Submissions.Storage.PrivacyRequests;

/// <summary>Which of a request's mails its outbox columns are about: one row, one mail owed at a time.</summary>
public static class PrivacyRequestMailStage
{
    /// <summary>The first mail: the signed link that confirms the request.</summary>
    public const string Link = "link";

    /// <summary>An access request's last mail: the signed link that downloads the bundle.</summary>
    public const string Download = "download";

    /// <summary>An erasure request's last mail: the data was erased.</summary>
    public const string Done = "done";
}
