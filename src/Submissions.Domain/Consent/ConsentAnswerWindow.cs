namespace Submissions.Domain.Consent;

/// <summary>
/// When a label change takes effect for answers: a version retired less than <see cref="Grace"/> ago may still be
/// answered, and is recorded as that version — the text the person saw. The grace runs from the retirement time
/// stored with the version, so every instance applies the same rule whatever its cache holds, and a form loaded just
/// before a change still goes through.
/// </summary>
public sealed record ConsentAnswerWindow(DateTimeOffset Now, TimeSpan Grace)
{
    /// <summary>No grace: only active versions may be answered.</summary>
    public static ConsentAnswerWindow Strict { get; } = new(DateTimeOffset.MaxValue, TimeSpan.Zero);

    public bool IsAnswerable(ConsentLabel version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.IsActive || (version.RetiredAt is { } retiredAt && Now - retiredAt < Grace);
    }
}
