// The function app: Flex Consumption (FC1), Linux, dotnet-isolated 10.0. It acts only as the user-assigned identity —
// for its deployment package and the host's storage (one account), the app's tables and queues (another), Key Vault
// references and telemetry — so no key or connection string with a secret exists anywhere.
param planName string
param name string
param location string
param tags object
param identityName string
param hostStorageAccountName string
param dataStorageAccountName string
param deploymentContainerName string
param applicationInsightsName string
param keyVaultName string
param instanceMemoryMB int
param maximumInstanceCount int
param adminAppClientId string
param allowedOrigins string[]
param partnerIds string[]
param publicBaseUrl string
param frontDoorId string
param mailHost string
param mailPort string
param mailSecurity string
param mailFrom string
param mailUserName string
@description('The subnet the app\'s outbound traffic goes through (vnetEnabled); empty: none.')
param virtualNetworkSubnetId string = ''

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource hostStorage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: hostStorageAccountName
}

resource dataStorage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: dataStorageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

// '*' would let any site's script read the API's answers; an http origin, a path, a query or user info the app refuses
// at start-up (CorsOptionsValidator) — the deployment refuses them first, instead of deploying an app that cannot start.
var invalidOrigins = filter(allowedOrigins, origin => contains(origin, '*') || !startsWith(origin, 'https://') || contains(skip(origin, 8), '/') || contains(origin, '?') || contains(origin, '#') || contains(origin, '@'))
var siteOrigins = empty(invalidOrigins)
  ? allowedOrigins
  : fail('allowedOrigins (siteOrigins) must be https site origins (scheme and host, no path): \'*\' is not allowed')

// The app refuses to start without a relay or a sender (MailOptionsValidator): the deployment says so first.
var relayHost = empty(trim(mailHost)) ? fail('mailHost (MAIL_HOST) is required: the SMTP relay the app sends mail through, e.g. smtp.azurecomm.net') : trim(mailHost)
var sender = empty(trim(mailFrom)) ? fail('mailFrom (MAIL_FROM) is required: the sender of every mail, e.g. "Example Site <no-reply@example.org>"') : trim(mailFrom)

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // In the private variant storage and the vault answer only inside the VNet: the app reaches them through it.
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    // Key Vault references resolve as the user-assigned identity (there is no system-assigned one).
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // On Flex Consumption the host itself answers every CORS preflight (OPTIONS) before any function runs, from this
      // list; it cannot expose response headers, so the app adds those (Cors__AllowedOrigins below, the same list).
      cors: {
        allowedOrigins: siteOrigins
        supportCredentials: false
      }
      // Behind Front Door only Front Door's back end may connect, and only for our profile (Front Door sets
      // X-Azure-FDID; another customer's profile sends its own id): then the app may trust X-Azure-SocketIP.
      ipSecurityRestrictionsDefaultAction: empty(frontDoorId) ? 'Allow' : 'Deny'
      ipSecurityRestrictions: empty(frontDoorId)
        ? []
        : [
            {
              name: 'front-door-only'
              action: 'Allow'
              priority: 100
              tag: 'ServiceTag'
              ipAddress: 'AzureFrontDoor.Backend'
              headers: { 'x-azure-fdid': [frontDoorId] }
            }
          ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${hostStorage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // Deployment goes through the identity-authenticated package container; the publishing endpoints' basic auth is off.
  resource scmBasicAuth 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: { allow: false }
  }

  resource ftpBasicAuth 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: { allow: false }
  }
}

// Identity-based connections, one account each: the host's own (AzureWebJobsStorage: blobs for keys and leases, tables
// for its diagnostic events; it uses no queue) and the app's data, which its queue triggers read too (SubmissionsStorage).
var connectionSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.properties.clientId
  AzureWebJobsStorage__blobServiceUri: hostStorage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__tableServiceUri: hostStorage.properties.primaryEndpoints.table
  SubmissionsStorage__credential: 'managedidentity'
  SubmissionsStorage__clientId: identity.properties.clientId
  SubmissionsStorage__tableServiceUri: dataStorage.properties.primaryEndpoints.table
  SubmissionsStorage__queueServiceUri: dataStorage.properties.primaryEndpoints.queue
  SubmissionsStorage__blobServiceUri: dataStorage.properties.primaryEndpoints.blob
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
}

// Secrets never pass through the template: the app settings name Key Vault secrets, resolved by the platform.
var secretSettings = {
  Privacy__SubjectKeyPepper: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=subject-key-pepper)'
}

// The SMTP relay. Its password, when it needs one, is a Key Vault secret like the others, set by whoever operates the
// relay (docs/deploy.md); without a user name there is no password setting, so no reference can dangle.
var mailSettings = union(
  {
    Mail__Host: relayHost
    Mail__Port: mailPort
    Mail__Security: mailSecurity
    Mail__From: sender
    Mail__UserName: mailUserName
    Mail__TimeoutSeconds: '30'
  },
  empty(mailUserName) ? {} : { Mail__Password: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=mail-password)' }
)

// App setting names allow only letters, digits, '.' and '_': a partner id's dashes are spelled as underscores.
var partnerSecretSettings = toObject(
  partnerIds,
  id => 'Partners__${replace(id, '-', '_')}__SigningSecret',
  id => '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=partner-${id}-signing-secret)'
)

// Who may use /api/manage/*: a function key and an App Service Authentication principal of this tenant holding the role.
var adminSettings = {
  Admin__RequireRole: 'true'
  Admin__Role: 'Submissions.Admin'
  Admin__TenantId: tenant().tenantId
}

// The app's own CORS, read by CorsPolicy: the same origins as the platform's list, whose answers may expose
// Retry-After, Idempotent-Replayed and Location to the site's script.
var corsSettings = {
  Cors__AllowedOrigins: join(siteOrigins, ',')
}

// The app's tunables, stated with their code defaults so the deployment shows what it runs with; change them here.
var tunedSettings = {
  AZURE_FUNCTIONS_ENVIRONMENT: 'Production'
  OptOut__PublicBaseUrl: empty(publicBaseUrl) ? 'https://${site.properties.defaultHostName}' : publicBaseUrl
  Demo__SeedOnStart: 'false'
  Storage__TablePrefix: ''
  Storage__NetworkTimeoutSeconds: '5'
  Storage__MaxRetries: '3'
  // Tables and queues are provisioned above (main.bicep): no instance creates them at start-up.
  Storage__CreateOnStart: 'false'
  Forms__MaxBodyBytes: '16384'
  Forms__MaxAdminBodyBytes: '65536'
  Forms__RetryAfterSeconds: '5'
  ConsentCatalog__CacheSeconds: '30'
  ReadCache__PollResultsSeconds: '5'
  ReadCache__CommentListingSeconds: '10'
  ReadCache__PromotionSeconds: '30'
  ReadCache__PartnerSeconds: '10'
  ReadCache__PollDefinitionSeconds: '5'
  ReadCache__PollTotalsSeconds: '5'
  ReadCache__PollRecountWaitMilliseconds: '250'
  ConsentCatalog__RetiredVersionGraceSeconds: '900'
  RateLimits__PermitsPerWindow: '10'
  RateLimits__WindowSeconds: '60'
  RateLimits__FrontDoorId: frontDoorId
  Delivery__AttemptTimeoutSeconds: '10'
  Delivery__MaxRetries: '2'
  Delivery__RetryBaseDelayMilliseconds: '500'
  Delivery__MaxRetryDelaySeconds: '5'
  Delivery__TotalTimeoutSeconds: '45'
  Delivery__OutboxSweepAgeMinutes: '10'
  // After a transient failure, each retry waits (Svix's schedule, about 27.6 h in all); a partner failing 10 attempts
  // in a row over 12 h is paused until an admin resumes it (POST manage/partners/{partnerId}/resume).
  Delivery__RetrySchedule: '00:00:05, 00:05:00, 00:30:00, 02:00:00, 05:00:00, 10:00:00, 10:00:00'
  Delivery__PauseAfterFailures: '10'
  Delivery__PauseAfterFailingMinutes: '720'
  Delivery__PausedRecheckMinutes: '60'
  Delivery__HeldRecheckSeconds: '5'
  Delivery__AllowPrivateDestinations: 'false'
  Retention__UnmoderatedCommentDays: '30'
  Retention__PromotionEntryGraceDays: '30'
  Retention__IdempotencyHours: '168'
  Retention__ExportFileHours: '24'
  Confirmation__ExpiryDays: '7'
  Confirmation__PreferenceLinkDays: '30'
  Statistics__MinimumCount: '10'
  Statistics__MaxRangeDays: '366'
  Statistics__RollUpGraceMinutes: '60'
  Exports__MaxRangeDays: '366'
  Exports__SyncMaxDays: '31'
  Exports__LookupConcurrency: '8'
  Exports__IndexGraceMinutes: '60'
  Health__TimeoutSeconds: '5'
}

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union(connectionSettings, secretSettings, partnerSecretSettings, mailSettings, adminSettings, corsSettings, tunedSettings)
}

// App Service Authentication (Entra ID) validates admins' bearer tokens and passes their principal to the app, which
// checks the role. Anonymous requests still pass: the public forms need no sign-in. No token store: nothing is kept.
// Always deployed, so clearing adminAppClientId turns authentication off again instead of leaving the old setup.
var adminAuthentication = empty(adminAppClientId)
  ? {}
  : {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: adminAppClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: ['api://${adminAppClientId}', adminAppClientId]
        }
      }
    }

resource authentication 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'authsettingsV2'
  // Two configuration writes to one site at once can collide (409): one after the other.
  dependsOn: [appSettings]
  properties: {
    platform: { enabled: !empty(adminAppClientId) }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: { requireHttps: true }
    identityProviders: adminAuthentication
    login: { tokenStore: { enabled: false } }
  }
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostName}'
