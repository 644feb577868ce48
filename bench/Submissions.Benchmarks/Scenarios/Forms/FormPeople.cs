using System.Globalization;

namespace Submissions.Benchmarks.Scenarios.Forms;

/// <summary>The made-up people behind call number i: a distinct email, name and voter token each.</summary>
internal static class FormPeople
{
    public static string Number(int i) => i.ToString("D7", CultureInfo.InvariantCulture);

    public static string Email(int i) => $"reader.{Number(i)}@example.test";

    public static string Name(int i) => "Reader " + Number(i);

    /// <summary>A cookie-like token: 16 to 128 URL-safe characters.</summary>
    public static string VoterToken(int i) => "voter-token-" + Number(i);

    /// <summary>Comments go round this many pages, so pages fill as a site's busiest ones do.</summary>
    public static string PageId(int i) => "page-" + (i % 50).ToString("D3", CultureInfo.InvariantCulture);

    public const string CommentText =
        "Thanks for the write-up. The second half lost me a little, but the examples at the end made it click for me.";
}
