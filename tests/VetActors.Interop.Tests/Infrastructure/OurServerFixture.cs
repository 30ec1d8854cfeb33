using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using VetActors.InteropServer;

namespace VetActors.Interop.Tests.Infrastructure;

/// <summary>
/// The VetActors interop server, hosted in-process on a free port once per test class, plus a cache
/// of peer runs so that a peer runs every case in one process and each test reads its own verdict.
/// </summary>
public sealed class OurServerFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<PeerRun>>> _runs = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        _app = await InteropServerHost.StartAsync(0);
        Port = InteropServerHost.BoundPort(_app);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>Runs the peer once (the first caller starts it) and hands every caller the same result.</summary>
    public Task<PeerRun> RunOnceAsync(string key, Func<int, Task<PeerRun>> run) =>
        _runs.GetOrAdd(key, _ => new Lazy<Task<PeerRun>>(() => run(Port))).Value;
}
