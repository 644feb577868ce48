namespace Submissions.Benchmarks.Measuring;

/// <summary>
/// One kind of call to put under load. <see cref="Prepare"/> turns a call's number into the call itself (its body or
/// entity built up front, so the timed run measures the call, not the harness building its input); every number is
/// used once, so each call can carry a distinct email, voter or key. A call returns the HTTP status it got.
/// </summary>
internal sealed record LoadOperation(string Mode, Func<int, Func<CancellationToken, Task<int>>> Prepare);
