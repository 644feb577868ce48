namespace Submissions.Cli.Api;

/// <summary>The API answered with an error; the command runner renders <see cref="Problem"/> and exits non-zero.</summary>
internal sealed class ApiProblemException : Exception
{
    public ApiProblemException()
        : this(new ApiProblem(0, null, "The request failed.", null, [], null))
    {
    }

    public ApiProblemException(string message)
        : this(new ApiProblem(0, null, message, null, [], null))
    {
    }

    public ApiProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = new ApiProblem(0, null, message, null, [], null);
    }

    public ApiProblemException(ApiProblem problem)
        : base(problem?.Title)
    {
        Problem = problem ?? throw new ArgumentNullException(nameof(problem));
    }

    public ApiProblem Problem { get; }
}
