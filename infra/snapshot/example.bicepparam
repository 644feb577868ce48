// Example parameters for the reviewed deployment snapshot (example.snapshot.json): what main.bicep deploys, resource by
// resource, with every expression the template alone can settle evaluated. Not used by azd (see main.parameters.json).
using '../main.bicep'

param environmentName = 'example'
param location = 'westeurope'
param principalId = '00000000-0000-0000-0000-00000000d001'
param principalType = 'User'
param adminAppClientId = '00000000-0000-0000-0000-00000000a001'
param siteOrigins = 'https://www.example.org, https://example.org'
param partnerIds = 'demo-partner,acme'
param frontDoorId = '00000000-0000-0000-0000-0000000fd001'
param mailHost = 'smtp.azurecomm.net'
param mailFrom = 'Example Site <no-reply@example.org>'
param mailUserName = 'example-acs-smtp-user'
