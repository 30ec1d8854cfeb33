namespace VetActors.Actors.Tests.Scheduling;

internal interface IChainGrain : IGrainWithStringKey
{
    /// <summary>Calls the next grain of <paramref name="path"/> (keys), which calls the next, and so on.</summary>
    Task<string> CallAlongAsync(string[] path, bool allowReentrancy);

    Task<string> PingAsync();
}

internal sealed class ChainGrain : Grain, IChainGrain
{
    public async Task<string> CallAlongAsync(string[] path, bool allowReentrancy)
    {
        var me = this.GetPrimaryKeyString();
        if (path.Length == 0)
        {
            return me;
        }

        var next = GrainFactory.GetGrain<IChainGrain>(path[0]);
        if (allowReentrancy)
        {
            using var scope = RequestContext.AllowCallChainReentrancy();
            return $"{me}>{await next.CallAlongAsync(path[1..], allowReentrancy: false)}";
        }

        return $"{me}>{await next.CallAlongAsync(path[1..], allowReentrancy: false)}";
    }

    public Task<string> PingAsync() => Task.FromResult(this.GetPrimaryKeyString());
}
