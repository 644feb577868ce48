// One private endpoint: a resource's service (blob, queue, table, vault) reachable at an address in the VNet, its host
// name registered in the service's private DNS zone.
param name string
param location string
param tags object
param resourceId string
@allowed(['blob', 'queue', 'table', 'vault'])
param groupId string
param subnetId string
param zoneId string

resource endpoint 'Microsoft.Network/privateEndpoints@2024-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: { id: subnetId }
    privateLinkServiceConnections: [
      {
        name: name
        properties: {
          privateLinkServiceId: resourceId
          groupIds: [groupId]
        }
      }
    ]
  }

  resource zoneGroup 'privateDnsZoneGroups' = {
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [{ name: groupId, properties: { privateDnsZoneId: zoneId } }]
    }
  }
}
