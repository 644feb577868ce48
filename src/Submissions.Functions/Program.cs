using Microsoft.Extensions.Hosting;
using Submissions.Functions.Hosting;

// The whole composition root is in SubmissionsFunctionsApp, so tests build exactly what runs here.
using var app = SubmissionsFunctionsApp.CreateBuilder(args).Build();
app.Run();
