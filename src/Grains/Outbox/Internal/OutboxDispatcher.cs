using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VetActors.Grains.Outbox.Internal;

/// <summary>
/// Delivers the outbox in the background: claims due messages, hands each to its transport, and records the outcome
/// (sent; or retried with a doubling delay; or failed after <see cref="OutboxOptions.MaxAttempts"/>).
/// </summary>
internal sealed partial class OutboxDispatcher(
    PostgresOutbox outbox, SmtpTransport smtp, PickupFolderTransport pickup, IOptions<OutboxOptions> options, TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>One round: delivers what is due now; returns how many messages it handled.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var claimed = await outbox.ClaimAsync(settings.BatchSize, time.GetUtcNow() + settings.ClaimLease, cancellationToken);
        foreach (var entry in claimed)
        {
            var transport = entry.Message.Channel == MessageChannel.Email && !string.IsNullOrWhiteSpace(settings.SmtpHost) ? (IMessageTransport)smtp : pickup;
            try
            {
                await transport.DeliverAsync(entry, cancellationToken);
                await outbox.MarkSentAsync(entry.Id, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var final = entry.Attempts >= settings.MaxAttempts;
                DateTimeOffset? retryAt = final ? null : time.GetUtcNow() + settings.RetryBaseDelay * Math.Pow(2, entry.Attempts - 1);
                LogDeliveryFailed(logger, entry.Id, entry.Attempts, final, ex);
                await outbox.MarkFailedAsync(entry.Id, ex.GetType().Name + ": " + ex.Message, retryAt, cancellationToken);
            }
        }

        return claimed.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int handled;
            try
            {
                handled = await DispatchOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be restarting; the messages stay in the table and the next round picks them up.
                LogRoundFailed(logger, ex);
                handled = 0;
            }

            if (handled == 0)
            {
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
        }
    }

    [LoggerMessage(EventId = 6300, Level = LogLevel.Warning, Message = "Outbox message {Id} attempt {Attempt} failed (final: {Final})")]
    private static partial void LogDeliveryFailed(ILogger logger, long id, int attempt, bool final, Exception exception);

    [LoggerMessage(EventId = 6301, Level = LogLevel.Error, Message = "Outbox delivery round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
