namespace Submissions.Domain.Privacy;

/// <summary>
/// A person's pseudonymous key: HMAC-SHA256(pepper, normalized email), lower-case hex. Used in table keys, queue
/// messages and logs in place of the email address, which never appears there.
/// </summary>
public readonly record struct SubjectKey(string Value)
{
    /// <summary>Enough of the key to correlate log lines, no more.</summary>
    public string ShortForm => Value[..12];

    public override string ToString() => Value;
}
