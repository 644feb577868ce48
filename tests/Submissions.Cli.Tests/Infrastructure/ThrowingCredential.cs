using Azure.Core;

namespace Submissions.Cli.Tests.Infrastructure;

/// <summary>A credential that fails in a way the tool does not expect, with a message over several lines.</summary>
internal sealed class ThrowingCredential : TokenCredential
{
    public const string Message = "Something nobody planned for.\nSecond line that must not be printed.";

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        throw new NotSupportedException(Message);

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        throw new NotSupportedException(Message);
}
