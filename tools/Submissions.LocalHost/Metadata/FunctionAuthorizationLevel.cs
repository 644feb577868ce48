namespace Submissions.LocalHost.Metadata;

/// <summary>The host's authorization levels: which key, if any, a request must carry.</summary>
internal enum FunctionAuthorizationLevel
{
    Anonymous,
    Function,
    Admin,
}
