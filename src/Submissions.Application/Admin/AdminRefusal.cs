using Submissions.Application.Http;

namespace Submissions.Application.Admin;

/// <summary>A refused admin request: the reason to log and the problem response to answer with.</summary>
public sealed record AdminRefusal(AdminRefusalReason Reason, ApiResult Response);
