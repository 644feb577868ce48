using Submissions.Domain.Forms;
using Submissions.Storage.Forms;
using Submissions.Storage.Subjects;

namespace Submissions.Storage.Polls;

/// <summary>Where votes live: in their poll's vote partitions of Polls, each indexed in the voter's partition when an email was given.</summary>
public static class VoteFormStorage
{
    public static FormStorage Definition { get; } = new(FormKind.Poll, SubjectRecordKinds.Vote, [SubmissionsTables.PollsName]);
}
