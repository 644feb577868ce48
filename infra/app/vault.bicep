// Key Vault for the subject-key pepper and the partners' signing secrets, authorized by Azure RBAC (no access policies).
// Purge protection: a deleted pepper can always be recovered, because without it no stored subject key can be matched.
param name string
param location string
param tags object
@description('Log Analytics workspace for the vault\'s AuditEvent log (every secret read, by whom). Empty: none.')
param logAnalyticsWorkspaceId string = ''
@description('False in the vnetEnabled variant: the vault is reached through its private endpoint, and from outside only from allowedIpAddress.')
param publicNetworkAccess bool = true
@description('With publicNetworkAccess off: the one public address (the deployer\'s, for the pepper hook) still let in. Empty: none.')
param allowedIpAddress string = ''

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    // Off outright in the private variant, unless the deployer's address is let in (then on, but denying all others).
    publicNetworkAccess: publicNetworkAccess || !empty(allowedIpAddress) ? 'Enabled' : 'Disabled'
    networkAcls: publicNetworkAccess
      ? { defaultAction: 'Allow', bypass: 'AzureServices' }
      : {
          defaultAction: 'Deny'
          bypass: 'None'
          ipRules: empty(allowedIpAddress) ? [] : [{ value: allowedIpAddress }]
        }
  }
}

// Every access to the pepper and the partners' secrets, by whom: the vault's audit log, kept with the app's logs.
resource auditLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (!empty(logAnalyticsWorkspaceId)) {
  name: 'audit'
  scope: vault
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    // Into the resource-specific table AZKVAuditLogs rather than the shared AzureDiagnostics.
    logAnalyticsDestinationType: 'Dedicated'
    logs: [{ category: 'AuditEvent', enabled: true }]
  }
}

output name string = vault.name
output id string = vault.id
