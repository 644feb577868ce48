using Submissions.LocalHost;

// The function app on this machine without Azure Functions Core Tools: docs/local-development.md.
var app = LocalHostApp.Build(args);
await app.StartAsync();
StartupBanner.Print(app);
await app.WaitForShutdownAsync();
