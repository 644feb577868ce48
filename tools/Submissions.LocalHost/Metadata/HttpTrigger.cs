namespace Submissions.LocalHost.Metadata;

/// <summary>An httpTrigger binding: route template (without the host's route prefix), methods and authorization level.</summary>
internal sealed record HttpTrigger(string ParameterName, string Route, IReadOnlyList<string> Methods, FunctionAuthorizationLevel AuthLevel)
    : FunctionTrigger(ParameterName);
