using VetActors.Actors.Tests.Infrastructure;

namespace VetActors.Actors.Tests.Lifecycle;

internal interface IContextGrain : IGrainWithStringKey
{
    Task<string?> ReadAsync(string key);

    Task<string?> SetAndCallAsync(string key, string value, string calleeKey);

    Task<string?> SetAfterAwaitAsync(string key, string value);

    Task SetSynchronouslyAsync(string key, string value);
}

internal sealed class ContextGrain : Grain, IContextGrain
{
    public Task<string?> ReadAsync(string key) => Task.FromResult(RequestContext.Get(key) as string);

    public async Task<string?> SetAndCallAsync(string key, string value, string calleeKey)
    {
        RequestContext.Set(key, value);
        return await GrainFactory.GetGrain<IContextGrain>(calleeKey).ReadAsync(key);
    }

    public Task SetSynchronouslyAsync(string key, string value)
    {
        // Not an async method: without the runtime's isolation this change would land in the caller's context.
        RequestContext.Set(key, value);
        return Task.CompletedTask;
    }

    public async Task<string?> SetAfterAwaitAsync(string key, string value)
    {
        await Task.Yield();
        RequestContext.Set(key, value);
        return RequestContext.Get(key) as string;
    }
}

public sealed class RequestContextTests
{
    [Fact]
    public async Task RequestContext_SetByCaller_FlowsIntoTheCallee()
    {
        await using var cluster = await Clusters.StartAsync();
        RequestContext.Set("clinic", "clinic-42");
        try
        {
            Assert.Equal("clinic-42", await cluster.GrainFactory.GetGrain<IContextGrain>("a").ReadAsync("clinic"));
        }
        finally
        {
            RequestContext.Remove("clinic");
        }
    }

    [Fact]
    public async Task RequestContext_SetInAGrain_FlowsToItsCalleeButNotBackToItsCaller()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IContextGrain>("a");

        var seenByCallee = await grain.SetAndCallAsync("user", "vet-7", "b");
        var afterAwait = await grain.SetAfterAwaitAsync("role", "manager");

        Assert.Equal("vet-7", seenByCallee);
        Assert.Equal("manager", afterAwait);
        Assert.Null(RequestContext.Get("user"));
        Assert.Null(RequestContext.Get("role"));
        Assert.Null(await grain.ReadAsync("user"));
    }

    [Fact]
    public async Task RequestContext_SetInANonAsyncGrainMethod_DoesNotLeakIntoTheCaller()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IContextGrain>("sync");
        await grain.ReadAsync("warm-up");

        // Once active and idle, the grain runs inline on this thread: the case where a leak could happen.
        for (var i = 0; i < 50; i++)
        {
            await grain.SetSynchronouslyAsync("leak", "yes");
            Assert.Null(RequestContext.Get("leak"));
        }
    }

    [Fact]
    public void RequestContext_SetGetRemove_BehaveLikeADictionary()
    {
        RequestContext.Set("k", "v");
        Assert.Equal("v", RequestContext.Get("k"));
        Assert.Contains("k", RequestContext.Keys);
        Assert.True(RequestContext.Remove("k"));
        Assert.False(RequestContext.Remove("k"));
        Assert.Null(RequestContext.Get("k"));
    }
}
