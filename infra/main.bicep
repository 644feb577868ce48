// Submissions.Functions in one resource group: a Flex Consumption function app that reaches storage, Key Vault and
// Application Insights with one user-assigned identity and no keys. `azd up` deploys it (see docs/deploy.md).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment. Names the resource group, seeds every resource name and tags everything.')
param environmentName string

@minLength(1)
@description('Region of every resource. Must offer the Flex Consumption plan (az functionapp list-flexconsumption-locations).')
@metadata({ azd: { type: 'location' } })
param location string

@description('Object id of whoever runs the deployment (azd fills it in): may write Key Vault secrets. Empty for none.')
param principalId string = ''

@allowed(['User', 'ServicePrincipal'])
@description('Whether principalId is a person or a pipeline identity.')
param principalType string = 'User'

@description('Client id of the Entra app registration admins get tokens for; its app role Submissions.Admin opens /api/manage/*. Empty keeps the manage API closed.')
param adminAppClientId string = ''

@description('Site origins the browser may call the public API from, comma-separated (for example https://www.example.org). Empty allows none.')
param siteOrigins string = ''

@description('Ids of the partners that receive deliveries, comma-separated. Each reads its signing secret from Key Vault (secret partner-{id}-signing-secret).')
param partnerIds string = ''

@description('Public https base of the API for opt-out links in mail, for example https://api.example.org. Empty: the function app\'s own host name.')
param publicBaseUrl string = ''

@description('SMTP relay the app sends its mail through (confirmations, preference and privacy-request links), for example smtp.azurecomm.net (Azure Communication Services Email). Required.')
param mailHost string = ''

@description('Port of the SMTP relay: 587 for StartTls, 465 for SslOnConnect.')
param mailPort string = '587'

@allowed(['StartTls', 'SslOnConnect'])
@description('How the connection to the relay is encrypted. Unencrypted SMTP is for local development only.')
param mailSecurity string = 'StartTls'

@description('Sender of every mail, for example "Example Site <no-reply@example.org>": a sender address the relay accepts (with Azure Communication Services, one of its verified domain\'s MailFrom addresses). Required.')
param mailFrom string = ''

@description('User name for the relay (with Azure Communication Services, the SMTP Username of its Entra application). Set: the app reads the password from Key Vault (secret mail-password). Empty: no authentication.')
param mailUserName string = ''

@description('X-Azure-FDID of the Azure Front Door profile in front of the API (its Front Door ID, a GUID). Set: the app accepts traffic only from that profile (an access restriction to the AzureFrontDoor.Backend service tag with this header) and rate-limits by X-Azure-SocketIP. Empty: clients reach the app directly.')
param frontDoorId string = ''

@allowed([512, 2048, 4096])
@description('Memory of each Flex Consumption instance, in MB.')
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
@description('Most instances the app scales out to: a bound on cost and on the load it puts on storage.')
param maximumInstanceCount int = 40

@allowed(['Standard_LRS', 'Standard_ZRS'])
@description('Redundancy of the data account (every record) and of the Functions host\'s own account.')
param storageSku string = 'Standard_ZRS'

@description('Microsoft Defender for Storage on the data account (billed per account per month, plus overage).')
param defenderForStorage bool = true

@description('A CanNotDelete lock on the data account (Table Storage has no soft delete). The deploying identity needs Microsoft.Authorization/locks/write; see docs/deploy.md, "Recovery".')
param dataAccountLock bool = true

@description('Private networking: a VNet the app\'s traffic goes through, private endpoints for both storage accounts (blob, queue, table) and the vault, and public network access to them disabled.')
param vnetEnabled bool = false

@description('With vnetEnabled: the deployer\'s public IP address, let through the vault\'s firewall so the post-provision pepper hook can reach it from outside the VNet. Empty: the hook must run inside the VNet.')
param deployerIpAddress string = ''

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var deploymentContainerName = 'app-package-${resourceToken}'

// Every table and queue the app uses (Submissions.Storage: SubmissionsTables, SubmissionsQueues). Created here so
// the app never needs more than data-plane roles; a test holds this list to the code.
var tableNames = [
  'ConsentLabels'
  'Subjects'
  'Comments'
  'Polls'
  'Partners'
  'Promotions'
  'Disclosures'
  'DeliveryFailures'
  'Notices'
  'Audit'
  'PurgeReports'
  'ClientSalts'
  'Confirmations'
  'PrivacyRequests'
  'DailyStatistics'
  'ExportJobs'
  'ExportDayIndex'
]
var queueNames = [
  'partner-deliveries'
  'partner-deliveries-poison'
  'partner-notices'
  'partner-notices-poison'
  'outbound-mail'
  'outbound-mail-poison'
  'export-jobs'
  'export-jobs-poison'
]
// Blob containers of the data account (Submissions.Storage: SubmissionsBlobs): where export jobs write their files. Each
// name here gets a private container and, for the app's identity, Storage Blob Data Contributor on that container alone
// (app/rbac.bicep); the app finds them through SubmissionsStorage__blobServiceUri (app/api.bicep).
var exportContainerNames = [
  'exports'
]

resource group 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: group
  params: {
    name: 'id-api-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: group
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

// The data account keeps the name the single account had, so a deployment made before the split keeps its records.
module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: group
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    sku: storageSku
    tableNames: tableNames
    queueNames: queueNames
    containerNames: exportContainerNames
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    defenderForStorage: defenderForStorage
    deleteLock: dataAccountLock
    publicNetworkAccess: !vnetEnabled
  }
}

// The Functions host's own account (AzureWebJobsStorage): keys, leases, diagnostic events, the deployment package.
module hostStorage 'app/storage.bicep' = {
  name: 'host-storage'
  scope: group
  params: {
    name: 'sthost${resourceToken}'
    location: location
    tags: tags
    sku: storageSku
    containerNames: [deploymentContainerName]
    publicNetworkAccess: !vnetEnabled
  }
}

module vault 'app/vault.bicep' = {
  name: 'vault'
  scope: group
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    publicNetworkAccess: !vnetEnabled
    allowedIpAddress: vnetEnabled ? deployerIpAddress : ''
  }
}

module network 'app/network.bicep' = if (vnetEnabled) {
  name: 'network'
  scope: group
  params: {
    name: 'vnet-${resourceToken}'
    location: location
    tags: tags
  }
}

// Each service of each account the app reaches, and the vault: the data account's tables, queues and export blobs; the
// host account's blobs (keys, leases, the package) and tables (its diagnostic events).
var privateEndpoints = [
  { name: 'pe-data-blob', account: 'data', groupId: 'blob' }
  { name: 'pe-data-queue', account: 'data', groupId: 'queue' }
  { name: 'pe-data-table', account: 'data', groupId: 'table' }
  { name: 'pe-host-blob', account: 'host', groupId: 'blob' }
  { name: 'pe-host-table', account: 'host', groupId: 'table' }
  { name: 'pe-vault', account: 'vault', groupId: 'vault' }
]

module endpoints 'app/private-endpoint.bicep' = [
  for endpoint in privateEndpoints: if (vnetEnabled) {
    name: endpoint.name
    scope: group
    params: {
      name: '${endpoint.name}-${resourceToken}'
      location: location
      tags: tags
      resourceId: endpoint.account == 'data' ? storage.outputs.id : endpoint.account == 'host' ? hostStorage.outputs.id : vault.outputs.id
      groupId: endpoint.groupId
      subnetId: network!.outputs.endpointSubnetId
      zoneId: endpoint.groupId == 'blob'
        ? network!.outputs.blobZoneId
        : endpoint.groupId == 'queue' ? network!.outputs.queueZoneId : endpoint.groupId == 'table' ? network!.outputs.tableZoneId : network!.outputs.vaultZoneId
    }
  }
]

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: group
  params: {
    dataStorageAccountName: storage.outputs.name
    hostStorageAccountName: hostStorage.outputs.name
    exportContainerNames: exportContainerNames
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: vault.outputs.name
    identityPrincipalId: identity.outputs.principalId
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: group
  // The app starts resolving Key Vault references and reaching storage at once: its roles (and, private, its
  // endpoints) must exist first.
  dependsOn: [rbac, endpoints]
  params: {
    planName: 'plan-${resourceToken}'
    name: 'func-api-${resourceToken}'
    location: location
    tags: tags
    identityName: identity.outputs.name
    dataStorageAccountName: storage.outputs.name
    hostStorageAccountName: hostStorage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: vault.outputs.name
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    adminAppClientId: adminAppClientId
    allowedOrigins: filter(map(split(siteOrigins, ','), origin => trim(origin)), origin => !empty(origin))
    partnerIds: filter(map(split(partnerIds, ','), id => trim(id)), id => !empty(id))
    publicBaseUrl: publicBaseUrl
    frontDoorId: frontDoorId
    mailHost: mailHost
    mailPort: mailPort
    mailSecurity: mailSecurity
    mailFrom: mailFrom
    mailUserName: mailUserName
    virtualNetworkSubnetId: vnetEnabled ? network!.outputs.appSubnetId : ''
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = group.name
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_HOST_STORAGE_ACCOUNT_NAME string = hostStorage.outputs.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
