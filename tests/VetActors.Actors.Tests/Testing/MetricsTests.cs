using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using VetActors.Actors.Tests.Calls;
using VetActors.Actors.Tests.Infrastructure;

namespace VetActors.Actors.Tests.Testing;

public sealed class MetricsTests
{
    [Fact]
    public async Task Meter_ReportsActivationsCallsAndCallDuration()
    {
        var measurements = new ConcurrentBag<(string Instrument, double Value, object? Method)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "VetActors.Actors")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Add((i.Name, v, Tag(tags, "grain.method"))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Add((i.Name, v, Tag(tags, "grain.method"))));
        listener.Start();
        await using var cluster = await Clusters.StartAsync();

        await cluster.GrainFactory.GetGrain<ICallTargetGrain>("metered").IncrementAsync();
        await cluster.GrainFactory.GetGrain<ICallTargetGrain>("metered").IncrementAsync();

        Assert.Contains(measurements, m => m.Instrument == "vetactors.activations" && m.Value == 1);
        Assert.Equal(2, measurements.Count(m => m.Instrument == "vetactors.calls" && (string?)m.Method == "ICallTargetGrain.IncrementAsync"));
        Assert.Equal(2, measurements.Count(m => m.Instrument == "vetactors.call.duration" && (string?)m.Method == "ICallTargetGrain.IncrementAsync"));
    }

    private static object? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value;
            }
        }

        return null;
    }
}
