namespace Submissions.Cli.Tests.Infrastructure;

/// <summary>One request <see cref="RecordingProxy"/> passed on: path and query, whether it carried the function key, its Authorization.</summary>
internal sealed record ProxiedRequest(string PathAndQuery, bool HadFunctionKey, string? Authorization);
