namespace Submissions.LocalHost.Metadata;

/// <summary>A timerTrigger binding: a six-field NCRONTAB schedule (seconds first), or a %setting% that holds one.</summary>
internal sealed record TimerTrigger(string ParameterName, string Schedule, bool RunOnStartup) : FunctionTrigger(ParameterName);
