using System.CommandLine;
using Azure.Core;
using Submissions.Cli.Api;

namespace Submissions.Cli.Auth;

/// <summary>
/// Turns the global options into a signed-in API client. The function key comes from, in order: --key,
/// SUBMISSIONS_FUNCTION_KEY, --keys-file, or --function-app (listed from ARM with the admin's sign-in); none is fine
/// for `func start`, which checks no keys. With --app-id every request also carries an admin bearer token.
/// </summary>
internal static class AdminConnection
{
    public static async Task<AdminApiClient> CreateAsync(ParseResult parse, GlobalOptions options, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var baseAddress = BaseAddress(parse.GetValue(options.Url) ?? environment.Variable("SUBMISSIONS_URL") ?? GlobalOptions.DefaultUrl);
        var appId = parse.GetValue(options.AppId) ?? environment.Variable("SUBMISSIONS_ADMIN_APP_ID");
        var functionApp = parse.GetValue(options.FunctionApp);
        TokenCredential? credential = appId is null && functionApp is null ? null
            : environment.Credential ?? AdminCredential.Create(parse.GetValue(options.Tenant), parse.GetValue(options.ClientId), environment.Error);
        var key = await FunctionKeyAsync(parse, options, environment, credential, functionApp, baseAddress, cancellationToken);
        var handler = new AdminRequestHandler(key, credential, appId is null ? null : $"api://{appId}/.default");
        return new AdminApiClient(new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan });
    }

    private static async Task<string?> FunctionKeyAsync(
        ParseResult parse, GlobalOptions options, CliEnvironment environment, TokenCredential? credential, string? functionApp, Uri baseAddress, CancellationToken cancellationToken)
    {
        if ((parse.GetValue(options.Key) ?? environment.Variable("SUBMISSIONS_FUNCTION_KEY")) is { Length: > 0 } key)
        {
            return key;
        }

        if (parse.GetValue(options.KeysFile) is { } file)
        {
            return LocalKeysFile.ReadDefaultKey(file);
        }

        return functionApp is null ? null : await ArmHostKeys.GetDefaultKeyAsync(environment.ArmBaseAddress, credential!, functionApp, baseAddress, cancellationToken);
    }

    /// <summary>
    /// Relative paths ("manage/…") resolve under the base only when it ends in a slash. Plain http only to this machine
    /// (a local `func start`): anywhere else the key and personal data would cross the network in clear.
    /// </summary>
    private static Uri BaseAddress(string url)
    {
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliUsageException("--url must be an absolute http(s) address such as http://127.0.0.1:7071/api/.");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            throw new CliUsageException("--url must use https: plain http is accepted only for 127.0.0.1, ::1 or localhost.");
        }

        return uri;
    }
}
