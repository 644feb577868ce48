// A deployment run by the GitHub pipeline's identity (a service principal): it must hold no standing role that reads a
// secret, only Key Vault Reader so the pepper hook can see that the pepper exists.
using '../main.bicep'

param environmentName = 'pipeline'
param location = 'westeurope'
param principalId = '00000000-0000-0000-0000-00000000c1c1'
param principalType = 'ServicePrincipal'
param mailHost = 'smtp.example.org'
param mailFrom = 'no-reply@example.org'
