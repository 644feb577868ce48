namespace Submissions.LocalHost.Metadata;

/// <summary>A queueTrigger binding: the queue and the app setting that names its storage account.</summary>
internal sealed record QueueTrigger(string ParameterName, string QueueName, string Connection) : FunctionTrigger(ParameterName);
