using VetActors.Grains.Audit;
using VetActors.Grains.Common;
using VetActors.Grains.Outbox;
using VetActors.Grains.Outbox.Internal;
using VetActors.Grains.Sync;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.Records;

namespace VetActors.Grains.Tests.Outbox;

/// <summary>Both outboxes refuse a message about a deceased or deleted pet and say in the clinic's audit log what they withheld.</summary>
public sealed class PetGateTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly SyncCluster _c = new();

    public async Task InitializeAsync()
    {
        await _c.InitializeAsync();
        await _c.ImportAsync(Client("c1"), Patient("p1", "c1", name: "Rex"), Patient("p2", "c1", name: "Tom"));
    }

    public Task DisposeAsync() => _c.DisposeAsync();

    private static string PetOf(string pimsId) => PimsSyncKeys.PetIdFor(pimsId);

    private IOutbox Create(string kind) => kind == "memory"
        ? new InMemoryOutbox(_c.Time, _c.Cluster.GrainFactory)
        : new PostgresOutbox(database.DataSource, _c.Time, _c.Cluster.GrainFactory);

    private static OutgoingMessage About(string petId, MessageChannel channel = MessageChannel.Email, string subject = "Rabies booster due") =>
        new(SyncCluster.ClinicId, channel, "ann@example.com", subject, "Rex is due for a rabies booster next week; book a visit online.")
        {
            PetId = petId,
        };

    private async Task<IReadOnlyList<AuditEntry>> WithheldAsync() =>
        (await AuditLog.For(_c.Cluster.GrainFactory, SyncCluster.ClinicId).ReadAsync(0, 100)).Where(e => e.Action == "notification.withheld").ToArray();

    [Theory]
    [InlineData("memory")]
    [InlineData("postgres")]
    public async Task Enqueue_PetAlive_Queued(string kind)
    {
        var outbox = Create(kind);

        var id = await outbox.EnqueueAsync(About(PetOf("p1")));

        Assert.Equal("Rabies booster due", (await outbox.GetAsync(id))!.Message.Subject);
        Assert.Empty(await WithheldAsync());
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("postgres")]
    public async Task Enqueue_PetDeceased_RefusedAndWithheldMessageAudited(string kind)
    {
        var outbox = Create(kind);
        await _c.SendAsync(Patient("p1", "c1", 2, name: "Rex", deceased: true));

        var refused = await Assert.ThrowsAsync<RuleViolation>(() => outbox.EnqueueAsync(About(PetOf("p1"))));

        Assert.Equal(OutboxRules.PetNotNotifiable, refused.Code);
        var entry = Assert.Single(await WithheldAsync());
        Assert.Equal((AuditActors.InternalService, "pet/" + PetOf("p1")), (entry.Actor, entry.Target));
        Assert.Contains("\"Rabies booster due\"", entry.After, StringComparison.Ordinal);
        Assert.Contains("is deceased", entry.After, StringComparison.Ordinal);
        Assert.Contains("ann@example.com", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enqueue_SmsAboutDeletedPet_RefusedWithBodyExcerptAudited()
    {
        var outbox = new InMemoryOutbox(_c.Time, _c.Cluster.GrainFactory);
        await _c.SendAsync(Deletion("del-1", PimsRecordKind.Patient, "p2", 5, patientId: "p2"));

        await Assert.ThrowsAsync<RuleViolation>(() => outbox.EnqueueAsync(About(PetOf("p2"), MessageChannel.Sms, subject: "")));

        Assert.Empty(outbox.Messages);
        var entry = Assert.Single(await WithheldAsync());
        Assert.Contains("Sms to ann@example.com \"Rex is due", entry.After, StringComparison.Ordinal);
        Assert.Contains("was deleted in the PIMS", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enqueue_PetDeceasedButOtherPetOfTheSameOwner_OnlyTheDeceasedPetsMessageWithheld()
    {
        var outbox = new InMemoryOutbox(_c.Time, _c.Cluster.GrainFactory);
        await _c.SendAsync(Patient("p1", "c1", 2, name: "Rex", deceased: true));

        await Assert.ThrowsAsync<RuleViolation>(() => outbox.EnqueueAsync(About(PetOf("p1"))));
        await outbox.EnqueueAsync(About(PetOf("p2")));
        await outbox.EnqueueAsync(About("not-from-the-pims"));

        Assert.Equal([PetOf("p2"), "not-from-the-pims"], outbox.Messages.Select(m => m.PetId));
    }

    [Fact]
    public async Task Enqueue_PetAliveAgainAfterACorrection_QueuedAgain()
    {
        var outbox = new InMemoryOutbox(_c.Time, _c.Cluster.GrainFactory);
        await _c.SendAsync(Patient("p1", "c1", 2, name: "Rex", deceased: true));
        await Assert.ThrowsAsync<RuleViolation>(() => outbox.EnqueueAsync(About(PetOf("p1"))));

        await _c.SendAsync(Patient("p1", "c1", 3, name: "Rex", deceased: false));
        await outbox.EnqueueAsync(About(PetOf("p1")));

        Assert.Single(outbox.Messages);
    }
}
