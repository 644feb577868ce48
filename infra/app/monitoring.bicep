// Log Analytics and workspace-based Application Insights. Local authentication is off: telemetry is accepted only with
// an Entra token (the app's identity holds Monitoring Metrics Publisher), so the connection string alone cannot write.
param logAnalyticsName string
param applicationInsightsName string
param location string
param tags object

@minValue(30)
@maxValue(730)
@description('Days logs are kept. They hold ids and subject keys only, never personal values.')
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
    features: { disableLocalAuth: true }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
    DisableIpMasking: false
  }
}

output applicationInsightsName string = applicationInsights.name
output logAnalyticsWorkspaceId string = workspace.id
