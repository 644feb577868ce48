namespace Submissions.Storage.Confirmations;

/// <summary>How the owner of an email proved it: the link in the confirmation mail, or a grant from the preference centre.</summary>
public static class ConfirmationMethods
{
    public const string EmailLink = "email-link";
    public const string PreferenceCentre = "preference-centre";
}
