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

    public static TheoryData<string> Workflows { get; } = ["ci.yml", "deploy.yml"];

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Every_action_is_pinned_to_a_full_commit_sha_with_its_release_named(string name)
    {
        var uses = Workflow(name).Split('\n').Where(line => line.TrimStart().StartsWith("- uses:", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(uses);
        Assert.All(uses, line => Assert.Matches(@"^\s*- uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$", line));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Every_checkout_leaves_no_credentials_behind(string name)
    {
        var lines = Workflow(name).Split('\n');
        var checkouts = lines.Select((line, index) => (line, index)).Where(item => item.line.Contains("uses: actions/checkout@", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(checkouts);
        Assert.All(checkouts, checkout =>
            Assert.Contains(lines.Skip(checkout.index + 1).TakeWhile(line => !line.TrimStart().StartsWith("- ", StringComparison.Ordinal)),
                line => line.Trim() == "persist-credentials: false"));
    }

    [Fact]
    public void Only_the_deploy_job_may_ask_for_an_oidc_token_and_only_main_deploys()
    {
        var deploy = Workflow("deploy.yml");
        var top = deploy[..deploy.IndexOf("\njobs:", StringComparison.Ordinal)];

        Assert.Contains("permissions: {}", top, StringComparison.Ordinal);
        Assert.DoesNotContain("id-token", top, StringComparison.Ordinal);
        Assert.Contains("    permissions:\n      id-token: write\n      contents: read\n", deploy, StringComparison.Ordinal);
        Assert.Contains("(github.event_name == 'workflow_dispatch' && github.ref == 'refs/heads/main')", deploy, StringComparison.Ordinal);
        Assert.Contains("github.event.workflow_run.head_branch == 'main'", deploy, StringComparison.Ordinal);
        Assert.DoesNotContain("id-token", Workflow("ci.yml"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_deploy_job_passes_every_variable_the_template_s_parameters_read()
    {
        var parameters = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "infra", "main.parameters.json"));
        var deploy = Workflow("deploy.yml");
        var variables = System.Text.RegularExpressions.Regex.Matches(parameters, @"\$\{([A-Z_]+)(=[^}]*)?\}").Select(match => match.Groups[1].Value)
            // azd itself fills these in: the environment's own name and location, and the signed-in identity.
            .Where(name => name is not "AZURE_ENV_NAME" and not "AZURE_LOCATION" and not "AZURE_PRINCIPAL_ID").ToList();

        Assert.Contains("MAIL_HOST", variables);
        Assert.All(variables, name => Assert.Contains($"      {name}: ", deploy, StringComparison.Ordinal));
    }
}
