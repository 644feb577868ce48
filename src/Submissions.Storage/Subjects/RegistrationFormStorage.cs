using Submissions.Domain.Forms;
using Submissions.Storage.Forms;

namespace Submissions.Storage.Subjects;

/// <summary>Where a registration lives: the member row is in the person's own partition, so no index row points at it.</summary>
public static class RegistrationFormStorage
{
    public static FormStorage Definition { get; } = new(FormKind.Registration, null, [SubmissionsTables.SubjectsName]);
}
