using System.Text.Json;

namespace Submissions.Infrastructure.Tests;

/// <summary>
/// Issue 20, item 2: with vnetEnabled (infra/snapshot/vnet.bicepparam) both storage accounts and the vault are reached
/// only through private endpoints in the app's VNet, with their public network access disabled (the vault lets in only
/// the deployer's address, for the pepper hook); without it the template has no network at all.
/// </summary>
public sealed class PrivateNetworkTests
{
    private static readonly DeploymentSnapshot Private = DeploymentSnapshot.Load("vnet");

    [Fact]
    public void Both_storage_accounts_refuse_every_public_request()
    {
        var accounts = Private.OfType("Microsoft.Storage/storageAccounts").ToList();

        Assert.Equal(2, accounts.Count);
        Assert.All(accounts, account =>
        {
            var properties = account.GetProperty("properties");
            Assert.Equal("Disabled", properties.GetProperty("publicNetworkAccess").GetString());
            Assert.Equal("Deny", properties.GetProperty("networkAcls").GetProperty("defaultAction").GetString());
            Assert.Equal("None", properties.GetProperty("networkAcls").GetProperty("bypass").GetString());
        });
    }

    [Fact]
    public void The_vault_denies_every_public_request_but_the_deployer_s_address()
    {
        var acls = Private.Single("Microsoft.KeyVault/vaults").GetProperty("properties").GetProperty("networkAcls");

        Assert.Equal("Deny", acls.GetProperty("defaultAction").GetString());
        Assert.Equal("None", acls.GetProperty("bypass").GetString());
        Assert.Equal(["203.0.113.10"], acls.GetProperty("ipRules").EnumerateArray().Select(rule => rule.GetProperty("value").GetString()));
    }

    [Fact]
    public void Every_service_the_app_reaches_has_a_private_endpoint_named_in_its_own_private_dns_zone()
    {
        var endpoints = Private.OfType("Microsoft.Network/privateEndpoints").ToList();
        var groups = Private.OfType("Microsoft.Network/privateEndpoints/privateDnsZoneGroups").ToList();

        var reached = endpoints.Select(endpoint =>
        {
            var connection = Assert.Single(endpoint.GetProperty("properties").GetProperty("privateLinkServiceConnections").EnumerateArray()).GetProperty("properties");
            var target = connection.GetProperty("privateLinkServiceId").GetString()!.Split('/')[^1];
            var service = Assert.Single(connection.GetProperty("groupIds").EnumerateArray()).GetString()!;
            Assert.Contains("subnets[1]", endpoint.GetProperty("properties").GetProperty("subnet").GetProperty("id").GetString(), StringComparison.Ordinal);
            var group = Assert.Single(groups, group => group.GetProperty("name").GetString()!.StartsWith(endpoint.GetProperty("name").GetString() + "/", StringComparison.Ordinal));
            var zone = Assert.Single(group.GetProperty("properties").GetProperty("privateDnsZoneConfigs").EnumerateArray()).GetProperty("properties").GetProperty("privateDnsZoneId").GetString()!;
            Assert.Contains(service == "vault" ? "privatelink.vaultcore.azure.net" : $"privatelink.{service}.", zone, StringComparison.Ordinal);
            return $"{target}:{service}";
        }).Order(StringComparer.Ordinal).ToList();

        var vault = Private.Single("Microsoft.KeyVault/vaults").GetProperty("name").GetString();
        Assert.Equal(
            new[]
            {
                $"{Private.DataStorageAccount}:blob", $"{Private.DataStorageAccount}:queue", $"{Private.DataStorageAccount}:table",
                $"{Private.HostStorageAccount}:blob", $"{Private.HostStorageAccount}:table", $"{vault}:vault",
            }.Order(StringComparer.Ordinal),
            reached);
    }

    [Fact]
    public void Each_private_dns_zone_is_linked_to_the_vnet_without_auto_registration()
    {
        var zones = Private.OfType("Microsoft.Network/privateDnsZones").Select(zone => zone.GetProperty("name").GetString()!).ToList();
        var links = Private.OfType("Microsoft.Network/privateDnsZones/virtualNetworkLinks").ToList();

        Assert.Equal(4, zones.Count);
        Assert.Contains("privatelink.vaultcore.azure.net", zones);
        Assert.Equal(zones.Count, links.Count);
        Assert.All(links, link => Assert.False(link.GetProperty("properties").GetProperty("registrationEnabled").GetBoolean()));
    }

    [Fact]
    public void The_app_s_traffic_goes_through_a_subnet_delegated_to_flex_consumption()
    {
        var vnet = Private.Single("Microsoft.Network/virtualNetworks");
        var app = vnet.GetProperty("properties").GetProperty("subnets")[0];
        var site = Private.Single("Microsoft.Web/sites");

        Assert.Equal("app", app.GetProperty("name").GetString());
        Assert.Equal("Microsoft.App/environments", Assert.Single(app.GetProperty("properties").GetProperty("delegations").EnumerateArray()).GetProperty("properties").GetProperty("serviceName").GetString());
        Assert.Contains("subnets[0].id", site.GetProperty("properties").GetProperty("virtualNetworkSubnetId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_vnetEnabled_there_is_no_network_and_storage_stays_public_behind_Entra()
    {
        string[] networkTypes = ["Microsoft.Network/virtualNetworks", "Microsoft.Network/privateEndpoints", "Microsoft.Network/privateDnsZones"];

        Assert.All(networkTypes, type => Assert.Empty(DeploymentSnapshot.Example.OfType(type)));
        Assert.All(DeploymentSnapshot.Example.OfType("Microsoft.Storage/storageAccounts"), account =>
            Assert.Equal("Enabled", account.GetProperty("properties").GetProperty("publicNetworkAccess").GetString()));
        var site = DeploymentSnapshot.Example.Single("Microsoft.Web/sites").GetProperty("properties");
        Assert.True(!site.TryGetProperty("virtualNetworkSubnetId", out var subnet) || subnet.ValueKind == JsonValueKind.Null);
    }
}
