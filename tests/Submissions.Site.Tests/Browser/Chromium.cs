namespace Submissions.Site.Tests.Browser;

/// <summary>
/// Debian's chromium package (installed by the test command when missing), or the executable CHROMIUM_PATH names.
/// Playwright drives it as it is: no browser is downloaded.
/// </summary>
internal static class Chromium
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured
        : new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("No Chromium found: install Debian's 'chromium' package (bash .ci/test.sh does) or set CHROMIUM_PATH.");
}
