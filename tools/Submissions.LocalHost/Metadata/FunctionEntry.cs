namespace Submissions.LocalHost.Metadata;

/// <summary>
/// One function of the build's functions.metadata, as the Functions host reads it: its name, the method it runs
/// ("Namespace.Type.Method" in <see cref="ScriptFile"/>) and its trigger.
/// </summary>
internal sealed record FunctionEntry(string Name, string ScriptFile, string EntryPoint, FunctionTrigger Trigger);
