namespace Submissions.Application.Http;

/// <summary>The result of reading a JSON body: the value and its raw bytes, or the problem to answer with.</summary>
public sealed record JsonBody<T>(T? Value, ReadOnlyMemory<byte> Bytes, ApiResult? Problem)
    where T : class;
