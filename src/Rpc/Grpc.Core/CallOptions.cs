namespace Grpc.Core;

/// <summary>Options of one client call: headers, deadline, cancellation, write options, credentials.</summary>
public readonly struct CallOptions
{
    public CallOptions(
        Metadata? headers = null,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default,
        WriteOptions? writeOptions = null,
        ContextPropagationToken? propagationToken = null,
        CallCredentials? credentials = null)
    {
        Headers = headers;
        Deadline = deadline;
        CancellationToken = cancellationToken;
        WriteOptions = writeOptions;
        PropagationToken = propagationToken;
        Credentials = credentials;
        Flags = default;
    }

    private CallOptions(CallOptions other, CallFlags flags)
    {
        this = other;
        Flags = flags;
    }

    public Metadata? Headers { get; init; }

    /// <summary>The deadline as a UTC instant; <c>null</c> for none.</summary>
    public DateTime? Deadline { get; init; }

    public CancellationToken CancellationToken { get; init; }

    public WriteOptions? WriteOptions { get; init; }

    public ContextPropagationToken? PropagationToken { get; init; }

    public CallCredentials? Credentials { get; init; }

    public CallFlags Flags { get; }

    public bool IsWaitForReady => (Flags & CallFlags.WaitForReady) != 0;

    public CallOptions WithHeaders(Metadata headers) => this with { Headers = headers };

    public CallOptions WithDeadline(DateTime deadline) => this with { Deadline = deadline };

    public CallOptions WithCancellationToken(CancellationToken cancellationToken) => this with { CancellationToken = cancellationToken };

    public CallOptions WithWriteOptions(WriteOptions writeOptions) => this with { WriteOptions = writeOptions };

    public CallOptions WithPropagationToken(ContextPropagationToken propagationToken) => this with { PropagationToken = propagationToken };

    public CallOptions WithCredentials(CallCredentials credentials) => this with { Credentials = credentials };

    public CallOptions WithWaitForReady(bool waitForReady = true) =>
        new(this, waitForReady ? Flags | CallFlags.WaitForReady : Flags & ~CallFlags.WaitForReady);

    public CallOptions WithFlags(CallFlags flags) => new(this, flags);
}
