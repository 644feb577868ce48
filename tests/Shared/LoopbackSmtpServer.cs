using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Submissions.Testing;

/// <summary>
/// A real SMTP server (NuGet SmtpServer) on 127.0.0.1 for the tests: it accepts every mail, parses it with MimeKit and
/// keeps it with its envelope, so a test reads what a relay would have received. Nothing mocks SMTP. It can play a
/// relay outage: <see cref="StartOutage"/> answers every MAIL FROM with a 4xx (for a test that owns its server),
/// <see cref="FailDeliveriesTo"/> answers DATA with a 4xx for one recipient only (safe on the shared server), and
/// <see cref="StopAsync"/> stops listening until <see cref="RestartAsync"/>.
/// </summary>
internal sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedMail> received = new();
    private readonly ConcurrentDictionary<string, int> failingRecipients = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> refusedRecipients = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim arrived = new(0);
    private SmtpServer.SmtpServer? server;
    private CancellationTokenSource? running;
    private Task? serving;
    private volatile int outageReply;

    private LoopbackSmtpServer()
    {
    }

    /// <summary>One mail as received: the parsed message, and the envelope (MAIL FROM, RCPT TO) it came with.</summary>
    public sealed record ReceivedMail(MimeMessage Message, string EnvelopeFrom, IReadOnlyList<string> EnvelopeRecipients)
    {
        public bool IsFor(string address) => EnvelopeRecipients.Contains(address, StringComparer.OrdinalIgnoreCase);
    }

    public int Port { get; private set; }

    public bool IsListening => server is not null;

    /// <summary>Every mail received so far, in order of arrival.</summary>
    public IReadOnlyList<ReceivedMail> Messages => [.. received];

    /// <summary>How many SMTP transactions were refused by a simulated outage or failure.</summary>
    public int RefusedTransactions => refusedCount;

    private int refusedCount;

    /// <summary>Starts on a free loopback port (the port the system gave is <see cref="Port"/>).</summary>
    public static async Task<LoopbackSmtpServer> StartAsync()
    {
        var smtp = new LoopbackSmtpServer();
        await smtp.ListenAsync(0);
        return smtp;
    }

    /// <summary>The mails whose envelope names <paramref name="recipient"/> (tests use unique addresses).</summary>
    public IReadOnlyList<ReceivedMail> MessagesTo(string recipient) => [.. received.Where(mail => mail.IsFor(recipient))];

    /// <summary>Waits until a received mail matches, and returns the first that does; throws on timeout.</summary>
    public async Task<ReceivedMail> WaitForAsync(Func<ReceivedMail, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (received.FirstOrDefault(predicate) is { } match)
            {
                return match;
            }

            try
            {
                await arrived.WaitAsync(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No matching mail arrived within {timeout.TotalSeconds:0.#} s ({received.Count} received in all).");
            }
        }
    }

    /// <summary>Waits for the first mail to <paramref name="recipient"/>.</summary>
    public Task<ReceivedMail> WaitForAsync(string recipient, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitForAsync(mail => mail.IsFor(recipient), timeout, cancellationToken);

    /// <summary>Every MAIL FROM is answered with <paramref name="replyCode"/> (421 by default) until <see cref="EndOutage"/>.</summary>
    public void StartOutage(int replyCode = 421) => outageReply = replyCode;

    public void EndOutage() => outageReply = 0;

    /// <summary>DATA for a mail to <paramref name="recipient"/> is answered with <paramref name="replyCode"/> until <see cref="RestoreDeliveriesTo"/>.</summary>
    public void FailDeliveriesTo(string recipient, int replyCode = 451) => failingRecipients[recipient] = replyCode;

    public void RestoreDeliveriesTo(string recipient) => failingRecipients.TryRemove(recipient, out _);

    /// <summary>RCPT TO <paramref name="recipient"/> is answered with <paramref name="replyCode"/> (a mailbox the relay refuses).</summary>
    public void RefuseRecipient(string recipient, int replyCode = 550) => refusedRecipients[recipient] = replyCode;

    /// <summary>Stops listening (connections are refused) until <see cref="RestartAsync"/>, which listens on the same port.</summary>
    public async Task StopAsync()
    {
        var (stopping, token, task) = (server, running, serving);
        (server, running, serving) = (null, null, null);
        if (stopping is null)
        {
            return;
        }

        stopping.Shutdown();
        await (token?.CancelAsync() ?? Task.CompletedTask);
        try
        {
            await (task ?? Task.CompletedTask).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // Cancelling is how the listener ends.
        }

        token?.Dispose();
    }

    public Task RestartAsync() => IsListening ? Task.CompletedTask : ListenAsync(Port);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        arrived.Dispose();
    }

    private async Task ListenAsync(int port)
    {
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);

        var options = new SmtpServerOptionsBuilder()
            .ServerName("loopback-smtp.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(new Filter(this));
        services.Add(new Store(this));

        var smtp = new SmtpServer.SmtpServer(options, services);
        running = new CancellationTokenSource();
        serving = smtp.StartAsync(running.Token);
        server = smtp;
        var first = await Task.WhenAny(started.Task, serving, Task.Delay(TimeSpan.FromSeconds(10)));
        if (first != started.Task)
        {
            // The listener failed to bind (its task faulted) or never said so: report that, not a later timeout.
            await serving.WaitAsync(TimeSpan.FromSeconds(1));
            throw new InvalidOperationException($"The loopback SMTP server did not start on port {port}.");
        }

        Port = await started.Task;
    }

    private void Refused() => Interlocked.Increment(ref refusedCount);

    private static SmtpResponseException Reply(int code, string text) => new(new SmtpResponse((SmtpReplyCode)code, text));

    private sealed class Filter(LoopbackSmtpServer owner) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken)
        {
            if (owner.outageReply is var code and > 0)
            {
                owner.Refused();
                throw Reply(code, "Service not available (simulated outage)");
            }

            return Task.FromResult(true);
        }

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            if (owner.refusedRecipients.TryGetValue(to.AsAddress(), out var code))
            {
                owner.Refused();
                throw Reply(code, $"<{to.AsAddress()}>: recipient refused (simulated)");
            }

            return Task.FromResult(true);
        }
    }

    private sealed class Store(LoopbackSmtpServer owner) : IMessageStore
    {
        public async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var recipients = transaction.To.Select(mailbox => mailbox.AsAddress()).ToList();
            if (recipients.Select(recipient => owner.failingRecipients.GetValueOrDefault(recipient)).FirstOrDefault(code => code > 0) is var code and > 0)
            {
                owner.Refused();
                // Echoes an address on purpose, as real relays do: the transport must keep it out of logs and exceptions.
                return new SmtpResponse((SmtpReplyCode)code, $"<{recipients[0]}>: try again later (simulated)");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            owner.received.Enqueue(new ReceivedMail(message, transaction.From.AsAddress(), recipients));
            owner.arrived.Release();
            return SmtpResponse.Ok;
        }
    }
}
