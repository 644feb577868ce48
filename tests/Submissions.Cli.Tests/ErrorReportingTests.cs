using Submissions.Cli.Tests.Infrastructure;

namespace Submissions.Cli.Tests;

/// <summary>Whatever goes wrong, the admin gets one line and an exit code, never a stack trace.</summary>
public sealed class ErrorReportingTests
{
    private const string ResourceId = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-submissions/providers/Microsoft.Web/sites/func-submissions";

    [Fact]
    public async Task An_unexpected_exception_is_one_line_with_exit_code_1_and_no_stack_trace()
    {
        var result = await CliRunner.RunAsync(
            ["--url", "http://127.0.0.1:1/api/", "--function-app", ResourceId, "deliveries", "list"],
            environment => environment with { Credential = new ThrowingCredential() });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Unexpected error (NotSupportedException): Something nobody planned for.", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Second line", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
