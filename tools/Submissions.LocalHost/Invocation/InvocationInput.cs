namespace Submissions.LocalHost.Invocation;

/// <summary>
/// What one invocation binds from: the trigger's value (an HttpRequest, a queue message, a TimerInfo), the HttpContext
/// of an HTTP trigger, and the named values the host binds by parameter name (an HTTP route's values).
/// </summary>
internal sealed record InvocationInput(object TriggerValue, HttpContext? Http, IReadOnlyDictionary<string, string?> NamedValues)
{
    public static IReadOnlyDictionary<string, string?> NoNamedValues { get; } = new Dictionary<string, string?>();
}
