using Submissions.Testing;

namespace Submissions.Infrastructure.Tests;

/// <summary>The GitHub workflows: CI is exactly .ci/run; deployment signs in with OIDC and holds no stored secret.</summary>
public sealed class WorkflowTests
{
    private static string Workflow(string name) => File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".github", "workflows", name));

    [Fact]
    public void CI_runs_the_same_command_as_every_other_CI_run() =>
        Assert.Contains("- run: bash .ci/run", Workflow("ci.yml"), StringComparison.Ordinal);

    [Fact]
    public void Deployment_uses_federated_credentials_and_no_stored_secret()
    {
        var deploy = Workflow("deploy.yml");

        Assert.Contains("id-token: write", deploy, StringComparison.Ordinal);
        Assert.Contains("--federated-credential-provider github", deploy, StringComparison.Ordinal);
        Assert.DoesNotContain("secrets.", deploy, StringComparison.Ordinal);
        Assert.DoesNotContain("client-secret", deploy, StringComparison.Ordinal);
    }

    [Fact]
    public void Deployment_takes_only_pushes_to_this_repository_that_passed_CI()
    {
        var deploy = Workflow("deploy.yml");

        Assert.Contains("github.event.workflow_run.conclusion == 'success'", deploy, StringComparison.Ordinal);
        Assert.Contains("github.event.workflow_run.event == 'push'", deploy, StringComparison.Ordinal);
        Assert.Contains("github.event.workflow_run.head_repository.full_name == github.repository", deploy, StringComparison.Ordinal);
        Assert.Contains("ref: ${{ github.event.workflow_run.head_sha || github.sha }}", deploy, StringComparison.Ordinal);
    }
}
