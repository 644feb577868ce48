// Key Vault for the subject-key pepper and the partners' signing secrets, authorized by Azure RBAC (no access policies).
// Purge protection: a deleted pepper can always be recovered, because without it no stored subject key can be matched.
param name string
param location string
param tags object

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
    publicNetworkAccess: 'Enabled'
  }
}

output name string = vault.name
