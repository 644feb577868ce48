using Microsoft.Extensions.Logging;
using Submissions.Storage.Deliveries;
using Submissions.Storage.Queues;

namespace Submissions.Application.Mail;

/// <summary>Routes an owed mail's queue message, dead letter, sweep and retry to the kind it names.</summary>
public sealed partial class OutboundMailDispatcher(IEnumerable<IOutboundMailKind> kinds, ILogger<OutboundMailDispatcher> logger)
{
    private readonly Dictionary<string, IOutboundMailKind> byKind = kinds.ToDictionary(kind => kind.Kind, StringComparer.Ordinal);

    /// <summary>The dead letter Kind of a mail of <paramref name="kind"/>: "mail:{kind}".</summary>
    public static string DeadLetterKind(string kind) => "mail:" + kind;

    public Task ProcessAsync(OutboundMailMessage message, long dequeueCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Find(message.Kind) is { } kind ? kind.ProcessAsync(message.Id, dequeueCount, cancellationToken) : Task.CompletedTask;
    }

    public Task RecordDeadLetterAsync(OutboundMailMessage message, long dequeueCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Find(message.Kind) is { } kind ? kind.RecordDeadLetterAsync(message.Id, dequeueCount, cancellationToken) : Task.CompletedTask;
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var kind in byKind.Values)
        {
            sent += await kind.SweepAsync(cancellationToken);
        }

        return sent;
    }

    /// <summary>Whether <paramref name="failure"/> is a mail's dead letter (its Kind is "mail:…").</summary>
    public static bool IsMail(DeadLetter failure) => failure?.Kind.StartsWith("mail:", StringComparison.Ordinal) == true;

    public Task<bool> RetryAsync(DeadLetter failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return Find(failure.Kind["mail:".Length..]) is { } kind ? kind.RetryAsync(failure, cancellationToken) : Task.FromResult(false);
    }

    private IOutboundMailKind? Find(string kind)
    {
        if (byKind.TryGetValue(kind, out var found))
        {
            return found;
        }

        LogUnknownKind(logger, kind);
        return null;
    }

    [LoggerMessage(EventId = 3501, Level = LogLevel.Error, Message = "Mail message of unknown kind {Kind}; dropped without retry")]
    private static partial void LogUnknownKind(ILogger logger, string kind);
}
