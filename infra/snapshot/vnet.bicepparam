// The private variant: storage and the vault reached only through private endpoints in the app's VNet, their public
// network access disabled, the vault letting in only the deployer's address for the pepper hook.
using '../main.bicep'

param environmentName = 'private'
param location = 'westeurope'
param principalId = '00000000-0000-0000-0000-00000000d001'
param principalType = 'User'
param mailHost = 'smtp.example.org'
param mailFrom = 'no-reply@example.org'
param vnetEnabled = true
param deployerIpAddress = '203.0.113.10'
