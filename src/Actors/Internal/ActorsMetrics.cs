using System.Diagnostics.Metrics;

namespace VetActors.Actors.Internal;

/// <summary>The runtime's instruments, on the meter <c>VetActors.Actors</c>.</summary>
internal sealed class ActorsMetrics
{
    internal const string MeterName = "VetActors.Actors";

    private readonly UpDownCounter<long> _activations;
    private readonly Counter<long> _activationsCreated;
    private readonly Counter<long> _activationFailures;
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _callDuration;
    private readonly Histogram<double> _storageDuration;
    private readonly Counter<long> _remindersFired;
    private readonly Counter<long> _reminderFailures;
    private readonly Histogram<double> _reminderLateness;

    private readonly TimeProvider _time;

    public ActorsMetrics(IMeterFactory meterFactory, TimeProvider time)
    {
        _time = time;
        var meter = meterFactory.Create(MeterName);
        _activations = meter.CreateUpDownCounter<long>("vetactors.activations", "{activation}", "Live activations on this silo.");
        _activationsCreated = meter.CreateCounter<long>("vetactors.activations.created", "{activation}", "Activations created.");
        _activationFailures = meter.CreateCounter<long>("vetactors.activations.failed", "{activation}", "Activations that failed to activate.");
        _calls = meter.CreateCounter<long>("vetactors.calls", "{call}", "Grain calls made.");
        _callDuration = meter.CreateHistogram<double>("vetactors.call.duration", "s", "Grain call latency, from send to result.");
        _storageDuration = meter.CreateHistogram<double>("vetactors.storage.duration", "s", "Grain state storage operation latency.");
        _remindersFired = meter.CreateCounter<long>("vetactors.reminders.fired", "{tick}", "Reminder ticks delivered.");
        _reminderFailures = meter.CreateCounter<long>("vetactors.reminders.failed", "{tick}", "Reminder deliveries that failed and were rescheduled.");
        _reminderLateness = meter.CreateHistogram<double>("vetactors.reminders.lateness", "s", "Delay between a tick's due time and its delivery.");
    }

    internal bool CallsEnabled => _calls.Enabled || _callDuration.Enabled;

    internal void ActivationCreated(string grainType)
    {
        var tag = new KeyValuePair<string, object?>("grain.type", grainType);
        _activations.Add(1, tag);
        _activationsCreated.Add(1, tag);
    }

    internal void ActivationRemoved(string grainType) => _activations.Add(-1, new KeyValuePair<string, object?>("grain.type", grainType));

    internal void ActivationFailed(string grainType) => _activationFailures.Add(1, new KeyValuePair<string, object?>("grain.type", grainType));

    internal void CallCompleted(string method, long startTimestamp, bool failed)
    {
        var methodTag = new KeyValuePair<string, object?>("grain.method", method);
        var outcome = new KeyValuePair<string, object?>("outcome", failed ? "error" : "ok");
        _calls.Add(1, methodTag, outcome);
        _callDuration.Record(_time.GetElapsedTime(startTimestamp).TotalSeconds, methodTag, outcome);
    }

    internal void StorageOperation(string operation, long startTimestamp, bool failed) =>
        _storageDuration.Record(
            _time.GetElapsedTime(startTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("outcome", failed ? "error" : "ok"));

    internal void ReminderFired(TimeSpan lateness)
    {
        _remindersFired.Add(1);
        _reminderLateness.Record(Math.Max(0, lateness.TotalSeconds));
    }

    internal void ReminderFailed() => _reminderFailures.Add(1);
}
