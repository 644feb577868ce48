using Submissions.Application.Subjects;

namespace Submissions.Application.Exports;

/// <summary>How an export shows a consent record: granted, declined, or withdrawn (a later Granted = false from a withdrawal, opt-out or the preference centre).</summary>
public static class ConsentStates
{
    public const string Granted = "granted";
    public const string Declined = "declined";
    public const string Withdrawn = "withdrawn";

    public static bool IsWithdrawal(bool granted, string? form) =>
        !granted && ConsentWithdrawal.IsWithdrawalForm(form);

    public static string Of(bool granted, string? form) =>
        granted ? Granted : IsWithdrawal(granted, form) ? Withdrawn : Declined;
}
