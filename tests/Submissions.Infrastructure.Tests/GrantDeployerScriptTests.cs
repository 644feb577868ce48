using System.Runtime.Versioning;
using System.Text.RegularExpressions;

namespace Submissions.Infrastructure.Tests;

/// <summary>
/// Issue 20, item 1: infra/scripts/grant-deployer.sh gives the pipeline's identity Contributor, Role Based Access Control
/// Administrator only under a condition — exactly the roles rbac.bicep assigns, never to itself — and a lock writer role
/// without delete; run against a stand-in `az` that records every call.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class GrantDeployerScriptTests : IDisposable
{
    private const string Pipeline = "00000000-0000-0000-0000-00000000c1c1";
    private const string Subscription = "00000000-0000-0000-0000-000000000001";
    private const string Separator = "\u001f";

    private readonly HookScript hook = new();

    [Fact]
    public async Task The_pipeline_may_assign_only_the_template_s_roles_and_never_to_itself()
    {
        var calls = await RunAsync(lockRoleExists: false);

        var creates = calls.Where(call => call.Take(3).SequenceEqual(["role", "assignment", "create"])).ToList();
        Assert.Equal(["Contributor", "Role Based Access Control Administrator", "Submissions lock writer"], creates.Select(call => Option(call, "--role")));
        Assert.All(creates, call =>
        {
            Assert.Equal(Pipeline, Option(call, "--assignee-object-id"));
            Assert.Equal("/subscriptions/" + Subscription, Option(call, "--scope"));
        });
        Assert.DoesNotContain(creates, call => Option(call, "--role") is "Owner" or "User Access Administrator");

        var condition = Option(creates[1], "--condition");
        Assert.Equal("2.0", Option(creates[1], "--condition-version"));
        var allowed = GuidList().Matches(condition).Select(match => match.Groups["ids"].Value).ToList();
        Assert.Equal(2, allowed.Count); // the roles a write may assign, and the roles a delete may remove
        Assert.All(allowed, ids => Assert.Equal(TemplateRoles(), ids.Split(',').Order(StringComparer.Ordinal)));
        Assert.Contains($"roleAssignments:PrincipalId] ForAnyOfAllValues:GuidNotEquals {{{Pipeline}}}", condition, StringComparison.Ordinal);
        Assert.Contains("ActionMatches{'Microsoft.Authorization/roleAssignments/write'}", condition, StringComparison.Ordinal);
        Assert.Contains("ActionMatches{'Microsoft.Authorization/roleAssignments/delete'}", condition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lock_role_can_create_a_lock_but_never_remove_one_and_is_defined_once()
    {
        var first = await RunAsync(lockRoleExists: false);
        var definition = Assert.Single(first, call => call.Take(3).SequenceEqual(["role", "definition", "create"]));
        var json = Option(definition, "--role-definition");
        Assert.Contains("\"Actions\": [\"Microsoft.Authorization/locks/read\", \"Microsoft.Authorization/locks/write\"]", json, StringComparison.Ordinal);
        Assert.DoesNotContain("locks/delete", json, StringComparison.Ordinal);
        Assert.DoesNotContain("locks/*", json, StringComparison.Ordinal);

        var again = await RunAsync(lockRoleExists: true);
        Assert.DoesNotContain(again, call => call.Take(3).SequenceEqual(["role", "definition", "create"]));
    }

    [Fact]
    public void The_template_s_role_list_is_what_the_script_reads()
    {
        // rbac.bicep's roles block holds the app's data roles and the deployers' vault roles: no role that manages access.
        Assert.Equal(8, TemplateRoles().Count);
        Assert.DoesNotContain("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", TemplateRoles()); // Owner
        Assert.DoesNotContain("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", TemplateRoles()); // User Access Administrator
        Assert.DoesNotContain("f58310d9-a9f6-439a-9e8d-f62e7b41a168", TemplateRoles()); // Role Based Access Control Administrator
    }

    public void Dispose() => hook.Dispose();

    private static List<string> TemplateRoles()
    {
        var rbac = File.ReadAllText(Path.Combine(BicepCli.InfraDirectory, "app", "rbac.bicep"));
        var block = rbac[rbac.IndexOf("var roles = {", StringComparison.Ordinal)..];
        block = block[..block.IndexOf("\n}", StringComparison.Ordinal)];
        return [.. RoleId().Matches(block).Select(match => match.Groups[1].Value).Distinct().Order(StringComparer.Ordinal)];
    }

    private static string Option(string[] call, string name) => call[Array.IndexOf(call, name) + 1];

    private async Task<List<string[]>> RunAsync(bool lockRoleExists)
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
              "role definition") [ "$3" = list ] && {{(lockRoleExists ? "echo /subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/lock" : "true")}} ;;
            esac
            exit 0
            """);
        var start = new System.Diagnostics.ProcessStartInfo("sh") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(BicepCli.InfraDirectory, "scripts", "grant-deployer.sh"));
        start.ArgumentList.Add(Pipeline);
        start.Environment["PATH"] = hook.Directory + ":" + Environment.GetEnvironmentVariable("PATH");
        using var process = System.Diagnostics.Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, errors);
        return [.. hook.Calls.Select(line => line.Split(Separator))];
    }

    [GeneratedRegex(@"'([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'")]
    private static partial Regex RoleId();

    [GeneratedRegex(@"RoleDefinitionId\] ForAnyOfAnyValues:GuidEquals \{(?<ids>[0-9a-f,-]+)\}")]
    private static partial Regex GuidList();
}
