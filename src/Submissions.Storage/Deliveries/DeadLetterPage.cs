namespace Submissions.Storage.Deliveries;

/// <summary>One page of dead letters, or <see cref="TokenRefused"/>: storage could not use the client's continuation token.</summary>
public sealed record DeadLetterPage(IReadOnlyList<DeadLetter> DeadLetters, string? ContinuationToken, bool TokenRefused = false)
{
    public static DeadLetterPage Refused { get; } = new([], null, TokenRefused: true);
}
