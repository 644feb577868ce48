namespace Submissions.Storage.Idempotency;

/// <summary>
/// A request's claim on an Idempotency-Key: the key and the body it came with, each as a keyed hash (never a plain hash
/// of personal data), so the same key with a different body is told apart from a retry.
/// </summary>
public sealed record IdempotencyClaim(string Form, string KeyHash, string RequestFingerprint);
