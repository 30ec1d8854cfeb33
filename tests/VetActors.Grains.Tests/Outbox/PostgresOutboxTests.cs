using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VetActors.Actors.Testing;
using VetActors.Grains.Outbox;
using VetActors.Grains.Outbox.Internal;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Outbox;

public sealed class PostgresOutboxTests : IClassFixture<PostgresTestDatabase>, IDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly PostgresOutbox _outbox;
    private readonly string _pickup = Path.Combine(Path.GetTempPath(), "vetactors-outbox-" + Guid.NewGuid().ToString("N"));
    private readonly OutboxOptions _options;

    public PostgresOutboxTests(PostgresTestDatabase database)
    {
        _outbox = new PostgresOutbox(database.DataSource, _time);
        _options = new OutboxOptions { PickupDirectory = _pickup, MaxAttempts = 3, RetryBaseDelay = TimeSpan.FromSeconds(30), BatchSize = 100 };
    }

    public void Dispose()
    {
        if (Directory.Exists(_pickup))
        {
            Directory.Delete(_pickup, recursive: true);
        }
    }

    [Fact]
    public async Task Enqueue_IsDurableAndPending()
    {
        var id = await _outbox.EnqueueAsync(Message("pending@clinic.example"));

        var entry = await _outbox.GetAsync(id);

        Assert.Equal(DeliveryStatus.Pending, entry!.Status);
        Assert.Equal(Message("pending@clinic.example"), entry.Message);
        Assert.Equal(_time.GetUtcNow(), entry.CreatedAt);
    }

    [Fact]
    public async Task Dispatch_WithoutSmtp_WritesEmlToPickupFolderAndMarksSent()
    {
        var id = await _outbox.EnqueueAsync(Message("vet@clinic.example"));

        await Dispatcher().DispatchOnceAsync(CancellationToken.None);

        var entry = await _outbox.GetAsync(id);
        Assert.Equal(DeliveryStatus.Sent, entry!.Status);
        var file = Assert.Single(Directory.GetFiles(_pickup, $"*-{id:D10}-email.eml"));
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("To: vet@clinic.example\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Subject: Welcome\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("Set your password: vi~token\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_SentMessage_IsNotDeliveredAgain()
    {
        var id = await _outbox.EnqueueAsync(Message("once@clinic.example"));
        await Dispatcher().DispatchOnceAsync(CancellationToken.None);
        File.Delete(Assert.Single(Directory.GetFiles(_pickup, $"*-{id:D10}-*.eml")));

        await Dispatcher().DispatchOnceAsync(CancellationToken.None);

        Assert.Empty(Directory.GetFiles(_pickup, $"*-{id:D10}-*.eml"));
    }

    [Fact]
    public async Task Dispatch_FailingTransport_RetriesWithBackoffThenFails()
    {
        // A file where the pickup folder should be makes every delivery fail.
        await File.WriteAllTextAsync(_pickup, "not a folder");
        var id = await _outbox.EnqueueAsync(Message("retry@clinic.example"));
        var dispatcher = Dispatcher();

        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        var afterFirst = await _outbox.GetAsync(id);
        var tooEarly = await dispatcher.DispatchOnceAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(30));
        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(60));
        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        var final = await _outbox.GetAsync(id);
        File.Delete(_pickup);

        Assert.Equal((DeliveryStatus.Pending, 1), (afterFirst!.Status, afterFirst.Attempts));
        Assert.NotNull(afterFirst.LastError);
        Assert.Equal(0, tooEarly);
        Assert.Equal((DeliveryStatus.Failed, 3), (final!.Status, final.Attempts));
    }

    [Fact]
    public async Task Claim_TakesEachDueMessageOnce()
    {
        await _outbox.EnqueueAsync(Message("a@clinic.example"));
        await _outbox.EnqueueAsync(Message("b@clinic.example"));
        var lease = _time.GetUtcNow().AddMinutes(5);

        var first = await _outbox.ClaimAsync(100, lease, CancellationToken.None);
        var second = await _outbox.ClaimAsync(100, lease, CancellationToken.None);

        Assert.True(first.Count >= 2);
        Assert.Empty(second);
    }

    private OutboxDispatcher Dispatcher()
    {
        var options = Options.Create(_options);
        return new OutboxDispatcher(
            _outbox, new SmtpTransport(options), new PickupFolderTransport(options, _time), options, _time, NullLogger<OutboxDispatcher>.Instance);
    }

    private static OutgoingMessage Message(string to) => new("clinic-1", MessageChannel.Email, to, "Welcome", "Set your password: vi~token");
}
