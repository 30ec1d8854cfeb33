using VetActors.Actors.Concurrency;
using VetActors.Actors.Tests.Infrastructure;

namespace VetActors.Actors.Tests.Calls;

internal interface ICallTargetGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    Task<string> GetKeyAsync();

    Task<int> GetActivationNumberAsync();

    Task ThrowAsync(string message);

    Task<int> ThrowAfterAwaitAsync(string message);

    Task<int> ThrowForResultAsync(string message);

    Task StoreAsync(List<string> items);

    Task<List<string>> GetItemsAsync();

    Task<bool> IsSameTagAsync(Tag tag);

    Task<int> SumAsync(int a, long b, decimal c, Guid id, DateTimeOffset when, TimeSpan span, Species species);
}

public enum Species
{
    Dog,
    Cat,
}

[Immutable]
public sealed class Tag(string name)
{
    public string Name { get; } = name;
}

internal sealed class CallTargetGrain(Probe probe) : Grain, ICallTargetGrain
{
    private static Tag? s_lastTag;
    private readonly List<string> _items = [];
    private int _count;
    private int _activationNumber;

    public static Tag? LastTag => s_lastTag;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activationNumber = probe.Increment($"activations:{this.GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public Task<int> IncrementAsync() => Task.FromResult(++_count);

    public Task<string> GetKeyAsync() => Task.FromResult(this.GetPrimaryKeyString());

    public Task<int> GetActivationNumberAsync() => Task.FromResult(_activationNumber);

    public Task ThrowAsync(string message) => throw new ArgumentException(message, nameof(message));

    public Task<int> ThrowForResultAsync(string message) => throw new InvalidOperationException(message);

    public async Task<int> ThrowAfterAwaitAsync(string message)
    {
        await Task.Yield();
        throw new InvalidOperationException(message);
    }

    public Task StoreAsync(List<string> items)
    {
        _items.Clear();
        _items.AddRange(items);
        items.Add("added by the grain");
        return Task.CompletedTask;
    }

    public Task<List<string>> GetItemsAsync() => Task.FromResult(_items);

    public Task<bool> IsSameTagAsync(Tag tag)
    {
        var same = ReferenceEquals(tag, s_lastTag);
        s_lastTag = tag;
        return Task.FromResult(same);
    }

    public Task<int> SumAsync(int a, long b, decimal c, Guid id, DateTimeOffset when, TimeSpan span, Species species) =>
        Task.FromResult(a + (int)b + (int)c + (id == Guid.Empty ? 0 : 1) + when.Year + span.Minutes + (int)species);
}

public sealed class GrainCallTests
{
    [Fact]
    public async Task Call_SameKey_ReachesOneActivationAndKeepsItsState()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ICallTargetGrain>("clinic-1/pet/7");

        await grain.IncrementAsync();
        await cluster.GrainFactory.GetGrain<ICallTargetGrain>("clinic-1/pet/7").IncrementAsync();
        var third = await grain.IncrementAsync();

        Assert.Equal(3, third);
        Assert.Equal(1, await grain.GetActivationNumberAsync());
        Assert.Equal(1, cluster.ActivationCount);
    }

    [Fact]
    public async Task Call_ConcurrentFirstCalls_CreateOneActivation()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<ICallTargetGrain>("concurrent");

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => grain.IncrementAsync())));

        Assert.Equal(Enumerable.Range(1, 200), results.Order());
        Assert.Equal(1, probe.Count("activations:concurrent"));
    }

    [Fact]
    public async Task GetPrimaryKeyString_OnGrainAndReference_ReturnsTheKey()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ICallTargetGrain>("clinic-42/pet/1733");

        Assert.Equal("clinic-42/pet/1733", await grain.GetKeyAsync());
        Assert.Equal("clinic-42/pet/1733", grain.GetPrimaryKeyString());
        Assert.Equal(new GrainId("call-target", "clinic-42/pet/1733"), grain.GetGrainId());
    }

    [Fact]
    public async Task Call_GrainThrowsSynchronously_CallerGetsSameTypeAndMessage()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ICallTargetGrain>("thrower");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.ThrowAsync("weight must be positive"));

        Assert.StartsWith("weight must be positive", error.Message, StringComparison.Ordinal);
        Assert.Equal("message", error.ParamName);
    }

    [Fact]
    public async Task Call_ResultMethodThrowsSynchronouslyOnActiveGrain_CallerGetsSameTypeEveryTime()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ICallTargetGrain>("active-thrower");
        Assert.Equal(1, await grain.IncrementAsync());

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.ThrowForResultAsync("client not found"));
            Assert.Equal("client not found", error.Message);
        }

        Assert.Equal(2, await grain.IncrementAsync());
    }

    [Fact]
    public async Task Call_ResultMethodThrowsSynchronously_CallerGetsSameTypeAndMessage()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ICallTargetGrain>("thrower");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.ThrowForResultAsync("record not complete"));

        Assert.Equal("record not complete", error.Message);
        Assert.Equal(1, await grain.IncrementAsync());
    }

    [Fact]
    public async Task Call_GrainThrowsAfterAwait_CallerGetsSameTypeAndMessage()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ICallTargetGrain>("thrower");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.ThrowAfterAwaitAsync("appointment already ended"));

        Assert.Equal("appointment already ended", error.Message);
        Assert.Equal(1, await grain.IncrementAsync());
    }

    [Fact]
    public async Task Call_MutableArgument_IsCopiedSoNeitherSideSeesTheOthersChanges()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ICallTargetGrain>("isolation");
        var items = new List<string> { "rabies" };

        await grain.StoreAsync(items);
        items.Add("changed by the caller");

        Assert.Equal(["rabies"], items.Take(1));
        Assert.Equal(2, items.Count);
        Assert.Equal(["rabies"], await grain.GetItemsAsync());
    }

    [Fact]
    public async Task Call_MutableResult_IsCopiedSoTheCallerCannotChangeGrainState()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ICallTargetGrain>("isolation");
        await grain.StoreAsync(["distemper"]);

        var result = await grain.GetItemsAsync();
        result.Add("changed by the caller");

        Assert.Equal(["distemper"], await grain.GetItemsAsync());
    }

    [Fact]
    public async Task Call_ImmutableArgument_IsPassedByReference()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ICallTargetGrain>("immutable");
        var tag = new Tag("senior");

        await grain.IsSameTagAsync(tag);

        Assert.True(await grain.IsSameTagAsync(tag));
    }

    [Fact]
    public async Task Call_PrimitiveAndValueArguments_ArriveIntact()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ICallTargetGrain>("values");

        var sum = await grain.SumAsync(1, 2, 3m, Guid.NewGuid(), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(5), Species.Cat);

        Assert.Equal(1 + 2 + 3 + 1 + 2026 + 5 + 1, sum);
    }

    [Fact]
    public async Task GetGrain_UnregisteredInterface_ThrowsNamingIt()
    {
        await using var cluster = await Clusters.StartAsync();

        var error = Assert.Throws<InvalidOperationException>(() => cluster.GrainFactory.GetGrain<IUnimplementedGrain>("x"));

        Assert.Contains(nameof(IUnimplementedGrain), error.Message, StringComparison.Ordinal);
    }
}

internal interface IUnimplementedGrain : IGrainWithStringKey
{
    Task PingAsync();
}

internal interface IStrictGrain : IGrainWithStringKey
{
    Task AcceptAsync(Unserializable value);
}

public sealed class Unserializable
{
    private Unserializable(int id)
    {
        Id = id;
    }

    public int Id { get; }

    public Unserializable Self => this;

    public static Unserializable Create(int id) => new(id);
}

internal sealed class StrictGrain : Grain, IStrictGrain
{
    public Task AcceptAsync(Unserializable value) => Task.CompletedTask;
}

public sealed class ArgumentSerializationTests
{
    [Fact]
    public async Task Call_ArgumentThatCannotBeCopied_FailsNamingTheTypeAndTheFix()
    {
        await using var cluster = await Clusters.StartAsync();

        var error = await Assert.ThrowsAsync<NotSupportedException>(
            () => cluster.GrainFactory.GetGrain<IStrictGrain>("s").AcceptAsync(Unserializable.Create(1)));

        Assert.Contains(nameof(Unserializable), error.Message, StringComparison.Ordinal);
        Assert.Contains("[Immutable]", error.Message, StringComparison.Ordinal);
    }
}

internal interface IValueTaskGrain : IGrainWithStringKey
{
    ValueTask TouchAsync();

    ValueTask<int> CountAsync();

    ValueTask<string> FailAsync(string message);
}

internal sealed class ValueTaskGrain : Grain, IValueTaskGrain
{
    private int _touches;

    public ValueTask TouchAsync()
    {
        _touches++;
        return ValueTask.CompletedTask;
    }

    public async ValueTask<int> CountAsync()
    {
        await Task.Yield();
        return _touches;
    }

    public ValueTask<string> FailAsync(string message) => ValueTask.FromException<string>(new InvalidOperationException(message));
}

public sealed class ValueTaskCallTests
{
    [Fact]
    public async Task ValueTaskMethods_ReturnResultsAndExceptions()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IValueTaskGrain>("v");

        await grain.TouchAsync();
        await grain.TouchAsync();

        Assert.Equal(2, await grain.CountAsync());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await grain.FailAsync("no such clinic"));
        Assert.Equal("no such clinic", error.Message);
    }
}
