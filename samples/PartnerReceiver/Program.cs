using PartnerReceiver;

// Run: dotnet run --project samples/PartnerReceiver -- --Receiver:SigningSecret=whsec_...
var app = PartnerReceiverApp.Build(args);
app.Run();
