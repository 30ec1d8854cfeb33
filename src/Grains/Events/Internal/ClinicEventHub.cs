using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VetActors.Grains.Common;

namespace VetActors.Grains.Events.Internal;

/// <summary>
/// The in-memory <see cref="IClinicEventHub"/>. Subscribers are kept per topic (a clinic, or one client of a clinic)
/// in arrays that are replaced, never changed, so a publishing grain reads them without a lock and writes each
/// subscriber's bounded channel without waiting. Single silo: only grains of this process reach these subscribers.
/// </summary>
internal sealed partial class ClinicEventHub(IOptions<ClinicEventOptions> options, ILogger<ClinicEventHub> logger) : IClinicEventHub
{
    private readonly ClinicEventOptions _options = options.Value;
    private readonly ConcurrentDictionary<(string ClinicId, string? ClientId), ClinicEventSubscriber[]> _topics = new();
    private readonly Dictionary<string, int> _perClinic = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public void Publish(ClinicEvent clinicEvent)
    {
        // A publisher is a grain in the middle of its turn, after its write: nothing here may fail it or make it wait.
        try
        {
            ArgumentNullException.ThrowIfNull(clinicEvent);
            Deliver((clinicEvent.ClinicId, null), clinicEvent);
            if (clinicEvent.ClientId is { } clientId)
            {
                Deliver((clinicEvent.ClinicId, clientId), clinicEvent);
            }
        }
        catch (Exception e)
        {
            Log.PublishFailed(logger, e, clinicEvent?.ClinicId, clinicEvent?.GetType().Name);
        }
    }

    public IClinicEventSubscription SubscribeToClinic(string clinicId) => Subscribe((Id(clinicId, nameof(clinicId)), null));

    public IClinicEventSubscription SubscribeToClient(string clinicId, string clientId) =>
        Subscribe((Id(clinicId, nameof(clinicId)), Id(clientId, nameof(clientId))));

    /// <summary>The clinic's live subscriptions, of both kinds.</summary>
    internal int SubscriberCount(string clinicId)
    {
        lock (_lock)
        {
            return _perClinic.GetValueOrDefault(clinicId);
        }
    }

    /// <summary>Takes a subscriber off its topic (unsubscribed, or dropped for falling behind); idempotent.</summary>
    internal void Remove(ClinicEventSubscriber subscriber)
    {
        lock (_lock)
        {
            if (!_topics.TryGetValue(subscriber.Topic, out var current) || Array.IndexOf(current, subscriber) < 0)
            {
                return;
            }

            if (current.Length == 1)
            {
                _topics.TryRemove(subscriber.Topic, out _);
            }
            else
            {
                _topics[subscriber.Topic] = [.. current.Where(s => !ReferenceEquals(s, subscriber))];
            }

            var clinicId = subscriber.Topic.ClinicId;
            if (--_perClinic[clinicId] == 0)
            {
                _perClinic.Remove(clinicId);
            }
        }
    }

    private ClinicEventSubscriber Subscribe((string ClinicId, string? ClientId) topic)
    {
        var subscriber = new ClinicEventSubscriber(this, topic, _options.SubscriberCapacity);
        lock (_lock)
        {
            var count = _perClinic.GetValueOrDefault(topic.ClinicId);
            if (count >= _options.MaxSubscribersPerClinic)
            {
                throw new RateLimitedException(
                    ClinicEventRules.TooManySubscribers,
                    $"Clinic {topic.ClinicId} has {count} live streams open, the most it may hold; close one or retry later.");
            }

            _perClinic[topic.ClinicId] = count + 1;
            _topics[topic] = _topics.TryGetValue(topic, out var current) ? [.. current, subscriber] : [subscriber];
        }

        return subscriber;
    }

    private void Deliver((string ClinicId, string? ClientId) topic, ClinicEvent clinicEvent)
    {
        if (!_topics.TryGetValue(topic, out var subscribers))
        {
            return;
        }

        foreach (var subscriber in subscribers)
        {
            if (!subscriber.TryWrite(clinicEvent) && subscriber.Drop())
            {
                Remove(subscriber);
                Log.SubscriberDropped(logger, topic.ClinicId, topic.ClientId, _options.SubscriberCapacity);
            }
        }
    }

    private static string Id(string id, string name) =>
        GrainKeys.IsValidId(id) ? id : throw new ValidationException(name, "must be 1-64 characters of A-Z, a-z, 0-9, '-', '_' or '.'.");

    private static partial class Log
    {
        [LoggerMessage(5700, LogLevel.Warning, "Clinic {ClinicId}: a live subscriber (client {ClientId}) fell {Capacity} events behind and was dropped.")]
        public static partial void SubscriberDropped(ILogger logger, string clinicId, string? clientId, int capacity);

        [LoggerMessage(5701, LogLevel.Error, "Clinic {ClinicId}: publishing a {EventType} failed; its subscribers miss it.")]
        public static partial void PublishFailed(ILogger logger, Exception exception, string? clinicId, string? eventType);
    }
}
