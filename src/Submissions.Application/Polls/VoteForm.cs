using Submissions.Application.Exports;
using Submissions.Application.Forms;
using Submissions.Application.Subjects;
using Submissions.Storage.Polls;

namespace Submissions.Application.Polls;

/// <summary>The poll vote form as access, erasure and exports see it.</summary>
public static class VoteForm
{
    public static FormRegistration Registration { get; } = new(VoteFormStorage.Definition)
    {
        Access = new FormAccessSection("votes", VoteRecord.From),
        ConsentSource = "poll",
        ConsentSourceId = VotePartitions.PollIdOf,
        ErasureCount = "votes",
        Exports = [FormRegistration.Create<VoteExport>()],
    };
}
