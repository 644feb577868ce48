namespace Submissions.Domain.Polls;

public static class PollStatus
{
    public const string Open = "open";
    public const string Closed = "closed";

    public static bool IsKnown(string? status) => status is Open or Closed;
}
