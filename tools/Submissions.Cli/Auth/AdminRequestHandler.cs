using System.Net.Http.Headers;
using Azure.Core;

namespace Submissions.Cli.Auth;

/// <summary>
/// Puts the function key (x-functions-key) and, when signed in, the admin bearer token on every request. The token is
/// reused until five minutes before it expires. Neither is ever written anywhere else.
/// </summary>
internal sealed class AdminRequestHandler(string? functionKey, TokenCredential? credential, string? scope) : DelegatingHandler(new SocketsHttpHandler())
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

        return await base.SendAsync(request, cancellationToken);
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
