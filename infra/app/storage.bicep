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
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
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
