namespace Submissions.Cli.Tests.Infrastructure;

/// <summary>One call <see cref="FakeArm"/> received: method, path and query, and the Authorization header.</summary>
internal sealed record ArmRequest(string Call, string Authorization);
