using System.Runtime.CompilerServices;
using System.Threading.Channels;
using VetActors.Grains.Common;

namespace VetActors.Grains.Events.Internal;

/// <summary>One subscription: a bounded channel the hub writes without waiting and the stream reads.</summary>
internal sealed class ClinicEventSubscriber : IClinicEventSubscription
{
    private const int Live = 0;
    private const int Dropped = 1;
    private const int Disposed = 2;

    private readonly ClinicEventHub _hub;
    private readonly Channel<ClinicEvent> _channel;
    private readonly int _capacity;
    private int _state;

    public ClinicEventSubscriber(ClinicEventHub hub, (string ClinicId, string? ClientId) topic, int capacity)
    {
        _hub = hub;
        _capacity = capacity;
        Topic = topic;
        // Wait mode makes a full channel refuse TryWrite (the signal to drop) instead of discarding silently; the
        // reader's continuation never runs on the publishing grain's thread (no synchronous continuations).
        _channel = Channel.CreateBounded<ClinicEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public (string ClinicId, string? ClientId) Topic { get; }

    public bool TryWrite(ClinicEvent clinicEvent) => _channel.Writer.TryWrite(clinicEvent);

    /// <summary>Marks the subscriber dropped; true for the one call that did it.</summary>
    public bool Drop()
    {
        if (Interlocked.CompareExchange(ref _state, Dropped, Live) != Live)
        {
            return false;
        }

        _channel.Writer.TryComplete();
        return true;
    }

    public async IAsyncEnumerable<ClinicEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (Volatile.Read(ref _state) == Live && _channel.Reader.TryRead(out var clinicEvent))
            {
                yield return clinicEvent;
            }

            if (Volatile.Read(ref _state) != Live)
            {
                break;
            }
        }

        if (Volatile.Read(ref _state) == Dropped)
        {
            throw new RateLimitedException(
                ClinicEventRules.SubscriberTooSlow,
                $"This stream fell {_capacity} events behind and was ended; open it again and reload what it shows.");
        }
    }

    public void Dispose()
    {
        if (Interlocked.CompareExchange(ref _state, Disposed, Live) == Live)
        {
            _hub.Remove(this);
        }

        _channel.Writer.TryComplete();
    }
}
