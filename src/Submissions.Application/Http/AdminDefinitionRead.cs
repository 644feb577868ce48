namespace Submissions.Application.Http;

/// <summary>A definition an admin sent, or the problem to answer with.</summary>
public sealed record AdminDefinitionRead<T>(T? Definition, ApiResult? Problem)
    where T : class;
