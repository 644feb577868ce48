using Submissions.Cli;

return await CliApp.RunAsync(args, CliEnvironment.FromProcess());
