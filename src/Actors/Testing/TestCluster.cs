using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VetActors.Actors.Internal;

namespace VetActors.Actors.Testing;

/// <summary>
/// An in-process silo for tests (Orleans' <c>TestCluster</c>): start, graceful stop, abrupt kill, and restart
/// over the same storage and reminder table, all driven by a <see cref="ManualTimeProvider"/>.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestClusterBuilder _builder;
    private ServiceProvider? _services;
    private List<IHostedService> _hosted = [];

    internal TestCluster(TestClusterBuilder builder)
    {
        _builder = builder;
    }

    public ManualTimeProvider TimeProvider => _builder.TimeProvider;

    /// <summary>The running silo's services.</summary>
    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The cluster is not running.");

    /// <summary>The running silo's grain factory (a new one after each restart).</summary>
    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();

    /// <summary>Whether a silo is running.</summary>
    public bool IsRunning => _services is not null;

    internal ActorRuntime Runtime => Services.GetRequiredService<ActorRuntime>();

    /// <summary>How many activations the running silo holds.</summary>
    public int ActivationCount => Runtime.Catalog.Count;

    /// <summary>Reminder deliveries under way in the running silo.</summary>
    public int RemindersInFlight => Runtime.Reminders.InFlight;

    /// <summary>Starts a silo (again, after a stop or kill), over the same storage.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_services is not null)
        {
            throw new InvalidOperationException("The cluster is already running.");
        }

        var services = _builder.BuildServices();
        try
        {
            // What the generic host does: validate options marked ValidateOnStart, then start hosted services.
            services.GetRequiredService<IStartupValidator>().Validate();
            _ = services.GetRequiredService<IOptions<ActorRuntimeOptions>>().Value;
            var hosted = services.GetServices<IHostedService>().ToList();
            foreach (var service in hosted)
            {
                await service.StartAsync(cancellationToken);
            }

            _hosted = hosted;
            _services = services;
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    /// <summary>Graceful stop: in-flight turns finish and every activation runs OnDeactivateAsync.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_services is not { } services)
        {
            return;
        }

        for (var i = _hosted.Count - 1; i >= 0; i--)
        {
            await _hosted[i].StopAsync(cancellationToken);
        }

        _services = null;
        await services.DisposeAsync();
    }

    /// <summary>Abrupt stop, like a crash: no deactivation, no further storage writes from this silo.</summary>
    public async Task KillAsync()
    {
        if (_services is not { } services)
        {
            return;
        }

        services.GetRequiredService<ActorRuntime>().Kill();
        _services = null;
        await services.DisposeAsync();
    }

    /// <summary>Stops the silo gracefully and starts a new one over the same storage and reminder table.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken);
        await StartAsync(cancellationToken);
    }

    /// <summary>
    /// Stops the silo gracefully. A test that leaves a turn hanging would make that wait forever (the manual
    /// clock never reaches the shutdown timeout), so after 30 s of real time the silo is killed and the
    /// disposal fails, naming the cause, instead of hanging the test run.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await StopAsync(guard.Token);
        }
        catch (OperationCanceledException) when (guard.IsCancellationRequested)
        {
            await KillAsync();
            throw new InvalidOperationException("The test cluster did not stop within 30 s: a grain turn was still running. Let every turn finish before disposing the cluster.");
        }
    }
}
