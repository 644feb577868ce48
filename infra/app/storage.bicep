// One storage account, used twice: the Functions host's own (its keys, timer and singleton leases, diagnostic events
// and the deployment package) and the app's data (every table and queue, any export container). Separate accounts, so
// the host's traffic never counts against the data account's 20,000 requests/s and the identity holds on each only the
// roles that account's work needs. Shared keys are off, so only Entra identities with data roles get in; nothing is public.
param name string
param location string
param tags object
param sku string
@description('Private blob containers to create.')
param containerNames string[] = []
param tableNames string[] = []
param queueNames string[] = []
@description('Log Analytics workspace for the blob, table and queue services\' read, write and delete logs (who read the data). Empty: none.')
param logAnalyticsWorkspaceId string = ''
@description('Microsoft Defender for Storage on this account (threat detection on its data-plane access).')
param defenderForStorage bool = false
@description('A CanNotDelete lock on the account: Table Storage has no soft delete, so deleting the account (or a resource group teardown) would lose every record. Creating it needs Microsoft.Authorization/locks/write.')
param deleteLock bool = false
@description('False in the vnetEnabled variant: the account is reached only through its private endpoints.')
param publicNetworkAccess bool = true

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: sku }
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: publicNetworkAccess ? 'Enabled' : 'Disabled'
    networkAcls: {
      defaultAction: publicNetworkAccess ? 'Allow' : 'Deny'
      bypass: publicNetworkAccess ? 'AzureServices' : 'None'
    }
  }

  resource blobService 'blobServices' = if (!empty(containerNames)) {
    name: 'default'

    resource containers 'containers' = [
      for container in containerNames: {
        name: container
        properties: { publicAccess: 'None' }
      }
    ]
  }

  resource tableService 'tableServices' = if (!empty(tableNames)) {
    name: 'default'

    resource tables 'tables' = [
      for table in tableNames: {
        name: table
      }
    ]
  }

  resource queueService 'queueServices' = if (!empty(queueNames)) {
    name: 'default'

    resource queues 'queues' = [
      for queue in queueNames: {
        name: queue
      }
    ]
  }
}

output name string = account.name
output id string = account.id

// Who read, wrote or deleted what: every authenticated request to the data services, with the caller's Entra identity.
// Table keys hold subject keys and ids only (never a personal value), so the logs do too.
var dataLogs = [
  { category: 'StorageRead', enabled: true }
  { category: 'StorageWrite', enabled: true }
  { category: 'StorageDelete', enabled: true }
]

resource blobLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (!empty(logAnalyticsWorkspaceId) && !empty(containerNames)) {
  name: 'data-access'
  scope: account::blobService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: dataLogs
  }
}

resource tableLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (!empty(logAnalyticsWorkspaceId) && !empty(tableNames)) {
  name: 'data-access'
  scope: account::tableService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: dataLogs
  }
}

resource queueLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (!empty(logAnalyticsWorkspaceId) && !empty(queueNames)) {
  name: 'data-access'
  scope: account::queueService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: dataLogs
  }
}

// Defender for Storage on this account alone (per-transaction alerts on unusual access); malware scanning and sensitive
// data discovery stay off: the account holds tables and queues, and what they hold is known.
resource defender 'Microsoft.Security/defenderForStorageSettings@2022-12-01-preview' = if (defenderForStorage) {
  name: 'current'
  scope: account
  properties: {
    isEnabled: true
    overrideSubscriptionLevelSettings: true
    malwareScanning: { onUpload: { isEnabled: false, capGBPerMonth: -1 } }
    sensitiveDataDiscovery: { isEnabled: false }
  }
}

resource lock 'Microsoft.Authorization/locks@2020-05-01' = if (deleteLock) {
  name: 'keep-the-data'
  scope: account
  properties: {
    level: 'CanNotDelete'
    notes: 'Every record of the app is in this account and Table Storage has no soft delete. Remove this lock only to retire the deployment (docs/deploy.md, "Recovery").'
  }
}

