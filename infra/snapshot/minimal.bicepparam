// The least a deployment needs: no admin app registration (the manage API stays closed), no partners, no site origins;
// a mail relay and a sender (the app cannot confirm anything without mail), here one that takes mail unauthenticated.
using '../main.bicep'

param environmentName = 'minimal'
param location = 'westeurope'
param mailHost = 'smtp.example.org'
param mailFrom = 'no-reply@example.org'
