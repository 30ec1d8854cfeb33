namespace VetActors.Actors.Bench;

public interface IPingGrain : IGrainWithStringKey
{
    Task PingAsync();

    Task<int> EchoAsync(int value);

    Task<string> GreetAsync(string name);
}

public sealed class PingGrain : Grain, IPingGrain
{
    private static readonly Task<int>[] s_small = [.. Enumerable.Range(0, 256).Select(Task.FromResult)];

    public Task PingAsync() => Task.CompletedTask;

    public Task<int> EchoAsync(int value) => (uint)value < s_small.Length ? s_small[value] : Task.FromResult(value);

    public Task<string> GreetAsync(string name) => Task.FromResult(name);
}
