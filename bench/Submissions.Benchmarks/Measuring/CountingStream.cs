namespace Submissions.Benchmarks.Measuring;

/// <summary>
/// A response body that keeps nothing: it counts bytes, line feeds (one per NDJSON row or CSV record) and flushes.
/// A MemoryStream would hold the whole export and be the biggest thing on the heap, hiding what the export holds.
/// </summary>
internal sealed class CountingStream : Stream
{
    public long Bytes { get; private set; }

    public long LineFeeds { get; private set; }

    public int Flushes { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Bytes;

    public override long Position
    {
        get => Bytes;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Bytes += buffer.Length;
        LineFeeds += buffer.Count((byte)'\n');
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush() => Flushes++;

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Flushes++;
        return Task.CompletedTask;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
