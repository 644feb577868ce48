using System.Net.Http.Headers;
using Azure.Core;
using Submissions.Cli.Api;

namespace Submissions.Cli.Auth;

/// <summary>
/// Puts the function key (x-functions-key) and, when signed in, the admin bearer token on every request. The token is
/// reused until five minutes before it expires. Neither is ever written anywhere else. Redirects are never followed:
/// the key, the token and a body with personal data would go along to wherever the redirect points, so a 3xx is an error.
/// </summary>
internal sealed class AdminRequestHandler(string? functionKey, TokenCredential? credential, string? scope)
    : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
{
    public const string FunctionKeyHeader = "x-functions-key";

    private readonly SemaphoreSlim tokenLock = new(1, 1);
    private AccessToken? token;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(functionKey))
        {
            request.Headers.TryAddWithoutValidation(FunctionKeyHeader, functionKey);
        }

        if (credential is not null && scope is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await TokenAsync(cancellationToken)).Token);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode is >= 300 and < 400)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new ApiProblemException(
                $"The server answered with a redirect ({status}), which this tool does not follow (the function key would go along): check --url.");
        }

        return response;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            tokenLock.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<AccessToken> TokenAsync(CancellationToken cancellationToken)
    {
        await tokenLock.WaitAsync(cancellationToken);
        try
        {
            if (token is not { } current || current.ExpiresOn <= DateTimeOffset.UtcNow.AddMinutes(5))
            {
                token = current = await credential!.GetTokenAsync(new TokenRequestContext([scope!]), cancellationToken);
            }

            return current;
        }
        finally
        {
            tokenLock.Release();
        }
    }
}
