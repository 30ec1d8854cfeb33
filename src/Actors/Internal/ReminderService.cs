using Microsoft.Extensions.Logging;
using VetActors.Actors.Reminders;

namespace VetActors.Actors.Internal;

/// <summary>
/// Delivers durable reminders and one-shot reminders using only <see cref="IReminderTable"/> and the runtime's
/// <see cref="TimeProvider"/>. It sleeps until the next due row (woken early by a nearer local registration,
/// and at least every poll interval for rows other silos wrote), claims due rows under a lease, delivers each
/// as a grain call to <see cref="IRemindable.ReceiveReminder"/>, then completes the row; a failed delivery is
/// rescheduled with exponential back-off and keeps its original due time. At least once, never dropped.
/// </summary>
internal sealed partial class ReminderService : IDisposable
{
    private readonly ActorRuntime _runtime;
    private readonly ILogger _logger;
    private readonly AsyncSignal _wake = new();
    private readonly SemaphoreSlim _slots;
    private readonly int _maxInFlight;
    private CancellationTokenSource? _stopping;
    private Task? _loop;
    private long _armedForTicks = long.MinValue;
    private int _inFlight;

    internal ReminderService(ActorRuntime runtime, ILogger logger)
    {
        _runtime = runtime;
        _logger = logger;
        _maxInFlight = Math.Max(16, runtime.Options.ReminderBatchSize * 4);
        _slots = new SemaphoreSlim(_maxInFlight, _maxInFlight);
    }

    /// <summary>Deliveries under way (for tests that wait for quiescence).</summary>
    internal int InFlight => Volatile.Read(ref _inFlight);

    private IReminderTable Table => _runtime.ReminderTable;

    private string ServiceId => _runtime.Options.ServiceId;

    private TimeProvider Time => _runtime.Time;

    internal Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        var token = _stopping.Token;
        _loop = Task.Run(() => RunAsync(token), CancellationToken.None);
        Log.ReminderServiceStarted(_logger, ServiceId, _runtime.SiloId);
        return Task.CompletedTask;
    }

    /// <summary>Stops claiming and waits for the deliveries under way.</summary>
    internal async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null || _loop is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _loop;
        for (var i = 0; i < _maxInFlight; i++)
        {
            await _slots.WaitAsync(cancellationToken);
        }

        _slots.Release(_maxInFlight);
    }

    internal void Kill() => _stopping?.Cancel();

    public void Dispose()
    {
        _stopping?.Cancel();
        _stopping?.Dispose();
    }

    /// <summary>A reminder was registered here: wake the loop if it sleeps past <paramref name="dueAt"/>.</summary>
    internal void Notify(DateTimeOffset dueAt)
    {
        if (dueAt.UtcTicks < Volatile.Read(ref _armedForTicks))
        {
            _wake.Set();
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // While claiming, every registration wakes the loop again; the flag coalesces them.
                Volatile.Write(ref _armedForTicks, long.MaxValue);
                await PumpAsync(cancellationToken);
                var next = await Table.GetNextDueAsync(ServiceId, cancellationToken);
                failures = 0;
                await SleepAsync(next, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                var delay = Backoff(failures);
                Log.ReminderLoopFailed(_logger, e, delay);
                try
                {
                    await Task.Delay(delay, Time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        var batchSize = _runtime.Options.ReminderBatchSize;
        while (true)
        {
            var now = Time.GetUtcNow();
            var claimed = await Table.ClaimDueAsync(ServiceId, now, batchSize, _runtime.SiloId, now + _runtime.Options.ReminderLeaseDuration, cancellationToken);
            foreach (var record in claimed)
            {
                await _slots.WaitAsync(cancellationToken);
                Interlocked.Increment(ref _inFlight);
                _ = DeliverAsync(record);
            }

            if (claimed.Count < batchSize)
            {
                return;
            }
        }
    }

    private async Task SleepAsync(DateTimeOffset? next, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var wakeAt = now + _runtime.Options.ReminderPollInterval;
        if (next is { } due && due < wakeAt)
        {
            wakeAt = due;
        }

        if (wakeAt <= now)
        {
            return;
        }

        Volatile.Write(ref _armedForTicks, wakeAt.UtcTicks);
        using var timer = Time.CreateTimer(static s => ((AsyncSignal)s!).Set(), _wake, wakeAt - now, Timeout.InfiniteTimeSpan);

        // A manual clock may have moved between reading it and arming the timer; the timer would then be late.
        if (Time.GetUtcNow() >= wakeAt)
        {
            return;
        }

        await _wake.WaitAsync(cancellationToken);
    }

    private async Task DeliverAsync(ReminderRecord record)
    {
        try
        {
            var grain = _runtime.GrainFactory.GetGrain<IRemindable>(record.GrainId);
            await grain.ReceiveReminder(record.Name, new TickStatus(record.FirstDue, record.Period, record.TickDue, record.Attempts));
            var deliveredAt = Time.GetUtcNow();
            _runtime.Metrics.ReminderFired(deliveredAt - record.TickDue);
            if (_runtime.IsKilled)
            {
                return;
            }

            var next = record.IsOneShot ? (DateTimeOffset?)null : NextSlot(record, deliveredAt);
            if (!await Table.CompleteAsync(record, next, CancellationToken.None))
            {
                Log.ReminderChangedDuringDelivery(_logger, record.Name, record.GrainId.ToString());
            }
        }
        catch (Exception e) when (!_runtime.IsKilled)
        {
            await RescheduleAsync(record, e);
        }
        catch (Exception) when (_runtime.IsKilled)
        {
            // A killed silo writes nothing; the lease runs out and another start claims the tick again.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            _slots.Release();
        }
    }

    private async Task RescheduleAsync(ReminderRecord record, Exception error)
    {
        var attempt = record.Attempts + 1;
        var retryAt = Time.GetUtcNow() + RetryDelay(attempt);
        _runtime.Metrics.ReminderFailed();
        Log.ReminderDeliveryFailed(_logger, error, record.Name, record.GrainId.ToString(), attempt, retryAt);
        try
        {
            await Table.RetryLaterAsync(record, retryAt, CancellationToken.None);
            Notify(retryAt);
        }
        catch (Exception e)
        {
            Log.ReminderRescheduleFailed(_logger, e, record.Name, record.GrainId.ToString());
        }
    }

    /// <summary>Exponential back-off: base, 2 x base, 4 x base ... up to the maximum.</summary>
    internal TimeSpan RetryDelay(int attempt)
    {
        var options = _runtime.Options;
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(options.ReminderRetryBaseDelay.Ticks * factor, options.ReminderRetryMaxDelay.Ticks));
        return delay;
    }

    private TimeSpan Backoff(int failures) => RetryDelay(Math.Min(failures, 8));

    /// <summary>The next slot of the grid <c>FirstDue + k * Period</c> after the tick just delivered and after now.</summary>
    internal static DateTimeOffset NextSlot(ReminderRecord record, DateTimeOffset now)
    {
        var next = record.TickDue + record.Period;
        if (next > now)
        {
            return next;
        }

        // Slots missed while the silo was down are not replayed one by one: the overdue tick was delivered once.
        var elapsed = now - record.FirstDue;
        var periods = (elapsed.Ticks / record.Period.Ticks) + 1;
        return record.FirstDue + TimeSpan.FromTicks(periods * record.Period.Ticks);
    }
}
