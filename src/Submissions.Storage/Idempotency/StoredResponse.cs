namespace Submissions.Storage.Idempotency;

/// <summary>A response stored for replay: status code and JSON body (ids and consent answers only).</summary>
public sealed record StoredResponse(int StatusCode, string Json);
