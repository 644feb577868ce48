namespace Submissions.Application.Subjects;

/// <summary>One form's records in an access bundle: a JSON array named <see cref="Name"/>, oldest first.</summary>
public sealed record AccessSection(string Name, IReadOnlyList<object> Records);
