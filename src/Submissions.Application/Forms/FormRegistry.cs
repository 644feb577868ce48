using Submissions.Application.Subjects;

namespace Submissions.Application.Forms;

/// <summary>The registered forms, in registration order: what access and erasure iterate.</summary>
public sealed class FormRegistry(IEnumerable<FormRegistration> forms)
{
    public IReadOnlyList<FormRegistration> Forms { get; } = [.. forms];

    /// <summary>Nothing removed yet, with a zero for every form the erasure report counts, in their order.</summary>
    public ErasureCounts NoErasures => ErasureCounts.None with
    {
        Forms = [.. Forms.Where(form => form.ErasureCount is not null).Select(form => new FormErasureCount(form.ErasureCount!, 0))],
    };
}
