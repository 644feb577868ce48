namespace Submissions.Storage.Idempotency;

/// <summary>
/// A request's claim on an Idempotency-Key: the key (hashed, since clients choose it) and the hash of the body it
/// came with, so the same key with a different body is told apart from a retry.
/// </summary>
public sealed record IdempotencyClaim(string Form, string KeyHash, string RequestSha256);

/// <summary>A response stored for replay: status code and JSON body (ids and consent answers only).</summary>
public sealed record StoredResponse(int StatusCode, string Json);
