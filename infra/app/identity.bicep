// The one identity the function app acts as: deployment package, host storage, app data, Key Vault and telemetry.
// User-assigned, so its roles exist before the app does and survive recreating it.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output name string = identity.name
output principalId string = identity.properties.principalId
