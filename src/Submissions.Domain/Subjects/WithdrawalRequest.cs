using Submissions.Domain.Validation;

namespace Submissions.Domain.Subjects;

/// <summary>
/// An admin's withdrawal on a person's behalf: one label, or — <c>labelId</c> left out — every consent they gave except
/// terms. A <c>null</c> label is refused, not read as "every consent".
/// </summary>
public sealed record WithdrawalRequest(string? Email, [property: RefuseNull] string? LabelId)
{
    // It holds a person's values: printed (by a log, an exception, a debugger display) it shows none of them.
    public override string ToString() => nameof(WithdrawalRequest);
}
