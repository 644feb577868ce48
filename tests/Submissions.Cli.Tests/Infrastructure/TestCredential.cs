using Azure.Core;

namespace Submissions.Cli.Tests.Infrastructure;

/// <summary>Hands out a distinct known token per scope, and never signs anyone in.</summary>
internal sealed class TestCredential : TokenCredential
{
    public static string TokenFor(string scope) => "token-for-" + scope;

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(TokenFor(Assert.Single(requestContext.Scopes)), DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
