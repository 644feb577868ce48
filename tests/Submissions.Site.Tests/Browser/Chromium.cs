namespace Submissions.Site.Tests.Browser;

/// <summary>
/// Debian's chromium package (installed by the test command when missing), or the executable CHROMIUM_PATH names.
/// Playwright drives it as it is: no browser is downloaded.
/// </summary>
internal static class Chromium
{
    private static readonly string[] DebianPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured
        : DebianPaths.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("No Chromium found: install Debian's 'chromium' package (bash .ci/test.sh does) or set CHROMIUM_PATH.");
}
