namespace Submissions.Application.OptOut;

/// <summary>Bound from "OptOut" (app setting OptOut__PublicBaseUrl).</summary>
public sealed class OptOutOptions
{
    public const string SectionName = "OptOut";

    /// <summary>
    /// Where people reach this app from a mail, e.g. <c>https://api.example.org</c>; opt-out links are
    /// <c>{PublicBaseUrl}/api/opt-out?token=…</c>. An absolute http(s) URL without query or fragment; https outside
    /// Development.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";
}
