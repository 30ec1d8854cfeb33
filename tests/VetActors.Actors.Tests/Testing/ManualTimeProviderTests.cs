using VetActors.Actors.Testing;

namespace VetActors.Actors.Tests.Testing;

public sealed class ManualTimeProviderTests
{
    [Fact]
    public void Advance_FiresDueTimersInDueOrderWithTheClockAtTheirDueTime()
    {
        var clock = new ManualTimeProvider();
        var start = clock.GetUtcNow();
        var fired = new List<(string, TimeSpan)>();
        using var late = clock.CreateTimer(_ => fired.Add(("late", clock.GetUtcNow() - start)), null, TimeSpan.FromSeconds(20), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add(("early", clock.GetUtcNow() - start)), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal([("early", TimeSpan.FromSeconds(5)), ("late", TimeSpan.FromSeconds(20))], fired);
        Assert.Equal(start.AddSeconds(30), clock.GetUtcNow());
    }

    [Fact]
    public void Advance_PeriodicTimer_FiresOncePerElapsedPeriod()
    {
        var clock = new ManualTimeProvider();
        var count = 0;
        using var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(10, count);
    }

    [Fact]
    public void DisposedOrChangedTimer_DoesNotFireAtTheOldTime()
    {
        var clock = new ManualTimeProvider();
        var fired = 0;
        var disposed = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var changed = clock.CreateTimer(_ => fired += 10, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        disposed.Dispose();
        changed.Change(TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(0, fired);
    }

    [Fact]
    public void Timestamps_FollowTheClock()
    {
        var clock = new ManualTimeProvider();
        var before = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(TimeSpan.FromMinutes(3), clock.GetElapsedTime(before));
    }

    [Fact]
    public void SetUtcNow_Backwards_Throws()
    {
        var clock = new ManualTimeProvider();

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetUtcNow(clock.GetUtcNow().AddSeconds(-1)));
    }
}
