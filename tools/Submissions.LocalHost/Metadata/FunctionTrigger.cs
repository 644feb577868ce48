namespace Submissions.LocalHost.Metadata;

/// <summary>The trigger binding of a function: what makes the host run it.</summary>
internal abstract record FunctionTrigger(string ParameterName);
