// The least a deployment needs: no admin app registration (the manage API stays closed), no partners, no site origins.
using '../main.bicep'

param environmentName = 'minimal'
param location = 'westeurope'
