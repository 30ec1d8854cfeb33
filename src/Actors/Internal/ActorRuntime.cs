using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VetActors.Actors.Reminders;
using VetActors.Actors.Storage;

namespace VetActors.Actors.Internal;

/// <summary>
/// The silo: the catalog of activations, the one dispatch path of every grain call, call timeouts, idle
/// collection, the reminder service, and start, graceful stop and kill.
/// </summary>
internal sealed partial class ActorRuntime : IDisposable
{
    private const int Created = 0;
    private const int Running = 1;
    private const int Stopping = 2;
    private const int Stopped = 3;

    private int _status;
    private ITimer? _timeoutScan;
    private ITimer? _collector;

    public ActorRuntime(
        IServiceProvider services,
        IOptions<ActorRuntimeOptions> options,
        GrainTypeRegistry registry,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        ActorsMetrics metrics,
        IGrainStorage storage,
        IReminderTable reminderTable)
    {
        Services = services;
        Options = options.Value;
        Registry = registry;
        Time = time;
        Logger = loggerFactory.CreateLogger("VetActors.Actors.Runtime");
        Metrics = metrics;
        Storage = storage;
        ReminderTable = reminderTable;
        Catalog = new Catalog(this);
        PendingCalls = new PendingCalls(time, Options.CallTimeout, TimeoutScanPeriod);
        GrainFactory = new GrainFactory(this);
        Reminders = new ReminderService(this, loggerFactory.CreateLogger("VetActors.Actors.Reminders"));
    }

    internal string SiloId { get; } = $"silo-{Guid.NewGuid():N}";

    internal IServiceProvider Services { get; }

    internal ActorRuntimeOptions Options { get; }

    internal GrainTypeRegistry Registry { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    internal ActorsMetrics Metrics { get; }

    internal IGrainStorage Storage { get; }

    internal IReminderTable ReminderTable { get; }

    internal Catalog Catalog { get; }

    internal PendingCalls PendingCalls { get; }

    internal GrainFactory GrainFactory { get; }

    internal ReminderService Reminders { get; }

    /// <summary>How often overdue and deadlocked calls are looked for: a tenth of the timeout, between 0.1 and 1 s.</summary>
    internal TimeSpan TimeoutScanPeriod =>
        TimeSpan.FromTicks(Math.Clamp(Options.CallTimeout.Ticks / 10, TimeSpan.TicksPerMillisecond * 100, TimeSpan.TicksPerSecond));

    internal bool AcceptsActivations => Volatile.Read(ref _status) == Running;

    /// <summary>Set when the silo was killed: nothing it still runs may write to storage.</summary>
    internal bool IsKilled { get; private set; }

    /// <summary>
    /// Every grain call passes here. Returns the grain's completed task when the call ran inline and finished
    /// synchronously; otherwise <c>null</c> and the request completes its caller itself.
    /// </summary>
    internal Task? Dispatch(GrainReference reference, GrainRequest request)
    {
        request.Parent = SynchronizationContext.Current as Turn;
        var context = RequestContext.Current;
        request.Context = context;
        request.AllowsChainReentrancy = context is { AllowCallChainReentrancy: true };

        Activation activation;
        try
        {
            activation = reference.ResolveActivation();
        }
        catch (Exception e)
        {
            request.Reject(e);
            return null;
        }

        var caller = request.Parent;
        if (caller is not null)
        {
            caller.Outstanding = request;
        }

        if (!Metrics.CallsEnabled)
        {
            var done = activation.Submit(request, allowInline: true);
            if (done is not null && caller is not null)
            {
                request.ClearOutstanding();
            }

            return done;
        }

        var started = Time.GetTimestamp();
        var finished = activation.Submit(request, allowInline: true);
        if (finished is not null && caller is not null)
        {
            request.ClearOutstanding();
        }

        if (finished is not null)
        {
            Metrics.CallCompleted(request.Method.Name, started, !finished.IsCompletedSuccessfully);
        }
        else
        {
            request.StartTimestamp = started;
        }

        return finished;
    }

    /// <summary>Sends a turn that reached a deactivated activation to the grain's current activation.</summary>
    internal Task? Forward(Turn turn)
    {
        if (turn is not GrainRequest)
        {
            return null;
        }

        Activation activation;
        try
        {
            activation = Catalog.GetOrCreate(turn.Activation.GrainId);
        }
        catch (Exception e)
        {
            turn.Reject(e);
            return null;
        }

        return activation.Submit(turn, allowInline: false);
    }

    internal Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _status, Running, Created) != Created)
        {
            throw new InvalidOperationException("The actor runtime was already started; build a new one to start again.");
        }

        Registry.GenerateProxies();

        var scanPeriod = TimeoutScanPeriod;
        _timeoutScan = Time.CreateTimer(static s => ((ActorRuntime)s!).PendingCalls.ExpireOverdue(), this, scanPeriod, scanPeriod);
        _collector = Time.CreateTimer(static s => ((ActorRuntime)s!).CollectIdle(), this, Options.CollectionQuantum, Options.CollectionQuantum);
        if (Storage.GetType() == typeof(InMemoryGrainStorage))
        {
            Log.VolatileStorage(Logger, Storage.GetType().Name);
        }

        Log.RuntimeStarted(Logger, Options.ServiceId, SiloId, Registry.Classes.Count());
        return Reminders.StartAsync(cancellationToken);
    }

    /// <summary>Graceful stop: no new activations, in-flight turns finish, every activation runs OnDeactivateAsync.</summary>
    internal async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _status, Stopping, Running) != Running)
        {
            return;
        }

        await Reminders.StopAsync(cancellationToken);
        _collector?.Dispose();
        var activations = Catalog.Activations.ToArray();
        Log.RuntimeStopping(Logger, activations.Length);
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is stopping.");
        foreach (var activation in activations)
        {
            activation.RequestDeactivation(reason);
        }

        try
        {
            await Task.WhenAll(activations.Select(a => a.Deactivated)).WaitAsync(Options.ShutdownTimeout, Time, cancellationToken);
        }
        catch (TimeoutException)
        {
            Log.StopTimedOut(Logger, activations.Count(a => !a.Deactivated.IsCompleted));
        }

        _timeoutScan?.Dispose();
        Volatile.Write(ref _status, Stopped);
        Log.RuntimeStopped(Logger);
    }

    /// <summary>Abrupt stop, as a crash: no grain code runs any more, nothing is deactivated or written.</summary>
    internal void Kill()
    {
        IsKilled = true;
        Volatile.Write(ref _status, Stopped);
        Reminders.Kill();
        _collector?.Dispose();
        _timeoutScan?.Dispose();
        var activations = Catalog.Activations.ToArray();
        Catalog.Clear();
        foreach (var activation in activations)
        {
            activation.Abandon();
        }

        Log.RuntimeKilled(Logger, activations.Length);
    }

    public void Dispose()
    {
        _collector?.Dispose();
        _timeoutScan?.Dispose();
        Reminders.Dispose();
    }

    internal TimeSpan GetCollectionAge(GrainClassInfo grainClass) =>
        Options.ClassSpecificCollectionAge.TryGetValue(grainClass.GrainType, out var age)
            ? age
            : grainClass.CollectionAge ?? Options.CollectionAge;

    private void CollectIdle()
    {
        var now = Time.GetTimestamp();
        List<Activation>? idle = null;
        foreach (var activation in Catalog.Activations)
        {
            var age = GetCollectionAge(activation.ClassInfo);
            if (age != Timeout.InfiniteTimeSpan && activation.IsIdleFor(age, now))
            {
                (idle ??= []).Add(activation);
            }
        }

        if (idle is null)
        {
            return;
        }

        Log.CollectingIdle(Logger, idle.Count);
        var reason = new DeactivationReason(DeactivationReasonCode.ActivationIdle, "The activation was idle longer than its collection age.");
        foreach (var activation in idle)
        {
            activation.RequestDeactivation(reason);
        }
    }
}
