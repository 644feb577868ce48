namespace Submissions.Domain.Forms;

/// <summary>The four public forms. The string values are the ones used on the wire and in storage.</summary>
public static class FormKind
{
    public const string Registration = "registration";
    public const string Comment = "comment";
    public const string Poll = "poll";
    public const string Promotion = "promotion";

    public static IReadOnlyList<string> All { get; } = [Registration, Comment, Poll, Promotion];

    public static bool IsKnown(string? form) => form is not null && All.Contains(form, StringComparer.Ordinal);
}
