namespace Submissions.Application.Http;

/// <summary>
/// Every form carries a hidden "website" field that people never see. A filled one is a bot: the request is
/// rejected with a plain 400 and nothing is stored (a 2xx would claim a durable write that never happened).
/// </summary>
public static class Honeypot
{
    public static bool IsTriggered(string? website) => !string.IsNullOrEmpty(website);

    public static ApiResult Rejection() => Problems.SubmissionRejected();
}
