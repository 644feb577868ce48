using System.Runtime.Versioning;
using System.Text.RegularExpressions;

namespace Submissions.Infrastructure.Tests;

/// <summary>
/// Issue 20, item 1: infra/scripts/grant-deployer.sh gives the pipeline's identity, on the environment's resource group
/// only, Contributor, Role Based Access Control Administrator under a condition — the app identity's roles, to service
/// principals, never to itself — and a lock writer role without delete, plus a deployment runner role on the
/// subscription; run against a stand-in `az` that records every call.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class GrantDeployerScriptTests : IDisposable
{
    private const string Pipeline = "00000000-0000-0000-0000-00000000c1c1";
    private const string Subscription = "00000000-0000-0000-0000-000000000001";
    private const string Separator = "\u001f";
    private const string ExistingAssignment = "/subscriptions/x/providers/Microsoft.Authorization/roleAssignments/old";

    private readonly HookScript hook = new();

    private const string Group = "/subscriptions/" + Subscription + "/resourceGroups/rg-prod";

    [Fact]
    public async Task The_pipeline_gets_its_rights_on_the_environment_s_resource_group_and_only_a_deployment_runner_above_it()
    {
        var calls = await RunAsync(rolesExist: false);

        Assert.Contains(calls, call => call.Take(3).SequenceEqual(["group", "create", "--name"]) && call[3] == "rg-prod" && Option(call, "--location") == "westeurope");
        var creates = calls.Where(call => call.Take(3).SequenceEqual(["role", "assignment", "create"])).ToList();
        Assert.Equal(
            [("Submissions deployment runner " + Subscription, "/subscriptions/" + Subscription), ("Contributor", Group), ("Role Based Access Control Administrator", Group), ("Submissions lock writer " + Subscription, Group)],
            creates.Select(call => (Option(call, "--role"), Option(call, "--scope"))));
        Assert.All(creates, call => Assert.Equal(Pipeline, Option(call, "--assignee-object-id")));
        var runner = Option(Assert.Single(calls, call => call.Take(3).SequenceEqual(["role", "definition", "create"]) && Option(call, "--role-definition").Contains("deployment runner", StringComparison.Ordinal)), "--role-definition");
        Assert.Contains("\"Actions\": [\"Microsoft.Resources/deployments/*\", \"Microsoft.Resources/subscriptions/read\", \"Microsoft.Resources/subscriptions/resourceGroups/read\"]", runner, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pipeline_may_assign_only_the_app_identity_s_roles_to_service_principals_and_never_to_itself()
    {
        var calls = await RunAsync(rolesExist: false);

        var administrator = Assert.Single(calls, call => call.Take(3).SequenceEqual(["role", "assignment", "create"]) && Option(call, "--role") == "Role Based Access Control Administrator");
        var condition = Option(administrator, "--condition");
        Assert.Equal("2.0", Option(administrator, "--condition-version"));
        var allowed = GuidList().Matches(condition).Select(match => match.Groups["ids"].Value).ToList();
        Assert.Equal(2, allowed.Count); // the roles a write may assign, and the roles a delete may remove
        Assert.All(allowed, ids => Assert.Equal(AppRoles(), ids.Split(',').Order(StringComparer.Ordinal)));
        Assert.Contains("roleAssignments:PrincipalType] ForAnyOfAnyValues:StringEqualsIgnoreCase {'ServicePrincipal'}", condition, StringComparison.Ordinal);
        Assert.Contains($"roleAssignments:PrincipalId] ForAnyOfAllValues:GuidNotEquals {{{Pipeline}}}", condition, StringComparison.Ordinal);

        // A first run has nothing to remove, and deletes nothing (az fails a delete that matches nothing).
        Assert.DoesNotContain(calls, call => call.Take(3).SequenceEqual(["role", "assignment", "delete"]));
    }

    [Fact]
    public async Task A_re_run_replaces_the_administrator_assignment_by_id_so_its_condition_is_read_again()
    {
        var calls = await RunAsync(rolesExist: true);

        var delete = calls.FindIndex(call => call.Take(3).SequenceEqual(["role", "assignment", "delete"]));
        var create = calls.FindIndex(call => call.Take(3).SequenceEqual(["role", "assignment", "create"]) && Option(call, "--role") == "Role Based Access Control Administrator");
        Assert.Equal(ExistingAssignment, Option(calls[delete], "--ids"));
        Assert.InRange(delete, 0, create - 1);
    }

    [Fact]
    public void Every_assignment_a_pipeline_deployment_makes_passes_the_condition()
    {
        var assignments = DeploymentSnapshot.Pipeline.OfType("Microsoft.Authorization/roleAssignments").ToList();

        Assert.NotEmpty(assignments);
        Assert.All(assignments, assignment =>
        {
            var properties = assignment.GetProperty("properties");
            Assert.Contains(properties.GetProperty("roleDefinitionId").GetString()!.Split('/')[^1], AppRoles());
            Assert.Equal("ServicePrincipal", properties.GetProperty("principalType").GetString());
            Assert.DoesNotContain(Pipeline, properties.GetProperty("principalId").GetString()!, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task The_lock_role_can_create_a_lock_but_never_remove_one_and_each_custom_role_is_defined_once()
    {
        var first = await RunAsync(rolesExist: false);
        var definitions = first.Where(call => call.Take(3).SequenceEqual(["role", "definition", "create"])).Select(call => Option(call, "--role-definition")).ToList();
        var locks = Assert.Single(definitions, json => json.Contains("lock writer", StringComparison.Ordinal));
        Assert.Contains("\"Actions\": [\"Microsoft.Authorization/locks/read\", \"Microsoft.Authorization/locks/write\"]", locks, StringComparison.Ordinal);
        Assert.DoesNotContain("locks/delete", locks, StringComparison.Ordinal);
        Assert.DoesNotContain("locks/*", locks, StringComparison.Ordinal);

        var again = await RunAsync(rolesExist: true);
        Assert.DoesNotContain(again, call => call.Take(3).SequenceEqual(["role", "definition", "create"]));
    }

    [Fact]
    public async Task An_object_id_that_is_not_a_guid_grants_nothing()
    {
        var calls = await RunAsync(rolesExist: false, assignee: "x} OR {y", expectSuccess: false);

        Assert.DoesNotContain(calls, call => call.Take(2).SequenceEqual(["role", "assignment"]));
    }

    [Fact]
    public void The_app_identity_s_roles_manage_no_access_and_hold_no_deployer_role()
    {
        Assert.Equal(6, AppRoles().Count);
        Assert.DoesNotContain("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", AppRoles()); // Owner
        Assert.DoesNotContain("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", AppRoles()); // User Access Administrator
        Assert.DoesNotContain("f58310d9-a9f6-439a-9e8d-f62e7b41a168", AppRoles()); // Role Based Access Control Administrator
        Assert.DoesNotContain("b86a8fe4-44ce-4948-aee5-eccb2c155cd7", AppRoles()); // Key Vault Secrets Officer
    }

    public void Dispose() => hook.Dispose();

    private static List<string> AppRoles()
    {
        var rbac = File.ReadAllText(Path.Combine(BicepCli.InfraDirectory, "app", "rbac.bicep"));
        var block = rbac[rbac.IndexOf("var roles = {", StringComparison.Ordinal)..];
        block = block[..block.IndexOf("\n}", StringComparison.Ordinal)];
        return [.. RoleId().Matches(block).Select(match => match.Groups[1].Value).Distinct().Order(StringComparer.Ordinal)];
    }

    private static string Option(string[] call, string name) => call[Array.IndexOf(call, name) + 1];

    private async Task<List<string[]>> RunAsync(bool rolesExist, string assignee = Pipeline, bool expectSuccess = true)
    {
        File.Delete(hook.CallLog);
        hook.Stub("az", $$"""
            #!/bin/sh
            first=1
            for arg in "$@"; do
              if [ $first -eq 1 ]; then printf '%s' "$arg" >> "{{hook.CallLog}}"; first=0; else printf '{{Separator}}%s' "$arg" >> "{{hook.CallLog}}"; fi
            done
            printf '\n' >> "{{hook.CallLog}}"
            case "$1 $2" in
              "account show") echo {{Subscription}} ;;
              "role definition") [ "$3" = list ] && {{(rolesExist ? "echo /subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/custom" : "true")}} ;;
              "role assignment") [ "$3" = list ] && {{(rolesExist ? "echo " + ExistingAssignment : "true")}}; [ "$3" = delete ] && [ "$4" != --ids ] && exit 1 ;;
            esac
            exit 0
            """);
        var start = new System.Diagnostics.ProcessStartInfo("sh") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(BicepCli.InfraDirectory, "scripts", "grant-deployer.sh"));
        start.ArgumentList.Add(assignee);
        start.ArgumentList.Add("prod");
        start.ArgumentList.Add("westeurope");
        start.Environment["PATH"] = hook.Directory + ":" + Environment.GetEnvironmentVariable("PATH");
        using var process = System.Diagnostics.Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True((process.ExitCode == 0) == expectSuccess, errors);
        return [.. hook.Calls.Select(line => line.Split(Separator))];
    }

    [GeneratedRegex(@"'([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'")]
    private static partial Regex RoleId();

    [GeneratedRegex(@"RoleDefinitionId\] ForAnyOfAnyValues:GuidEquals \{(?<ids>[0-9a-f,-]+)\}")]
    private static partial Regex GuidList();
}
