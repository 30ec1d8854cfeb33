using VetActors.Grains.Clients;
using VetActors.Grains.Sync;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.Records;

namespace VetActors.Grains.Tests.Sync;

/// <summary>Records held until their client or patient arrives can be inspected with their raw form and reason.</summary>
public sealed class HeldRecordsTests : IAsyncLifetime
{
    private readonly SyncCluster _c = new();

    public Task InitializeAsync() => _c.InitializeAsync();

    public Task DisposeAsync() => _c.DisposeAsync();

    private static PimsRecord Shot(string id, string patientId) =>
        Vaccination(id, patientId, new DateOnly(2025, 10, 1)) with { Raw = $"{{\"kind\":\"vaccination\",\"id\":\"{id}\"}}" };

    [Fact]
    public async Task GetHeld_PatientBeforeItsClientMidImport_ShownWithRawAndReason()
    {
        var session = await _c.ConnectAsync();

        await _c.Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(1, [Patient("p9", "c9"), Shot("v9", "p9")]));

        var held = await _c.Sync.GetHeldAsync();
        Assert.Equal(
            [
                new HeldRecord(1, PimsRecordKind.Patient, "p9", "client:c9", "its client c9 has not arrived yet", "{\"kind\":\"patient\",\"id\":\"p9\"}"),
                new HeldRecord(1, PimsRecordKind.Vaccination, "v9", "patient:p9", "its patient p9 is itself held", "{\"kind\":\"vaccination\",\"id\":\"v9\"}"),
            ],
            held);
    }

    [Fact]
    public async Task GetHeld_ClientArrives_NothingHeld()
    {
        var session = await _c.ConnectAsync();
        await _c.Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(1, [Patient("p9", "c9")]));

        await _c.Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(2, [Client("c9")]));

        Assert.Empty(await _c.Sync.GetHeldAsync());
    }

    [Fact]
    public async Task GetHeld_ImportEndsWithoutTheClient_MovedToRejectedWithItsRawForm()
    {
        var session = await _c.ConnectAsync();
        await _c.Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(1, [Patient("p9", "c9")]));

        await _c.Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(2, [Client("c1")], EndOfImport: true));

        Assert.Empty(await _c.Sync.GetHeldAsync());
        var rejected = Assert.Single(await _c.Sync.GetRejectedAsync());
        Assert.Equal(("p9", "{\"kind\":\"patient\",\"id\":\"p9\"}"), (rejected.RecordId, rejected.Raw));
    }

    [Fact]
    public async Task GetHeld_PatientOfAClientAwaitingMatchReview_ReasonNamesTheReview()
    {
        await _c.Client("web-1").CreateAsync(new ClientDetails("Ann", "Lee", null, [], "ann@example.com"), "portal");
        await _c.Client("web-2").CreateAsync(new ClientDetails("Ann", "Lee", null, ["5550102030"], null), "portal");

        await _c.ImportAsync(Client("c1", email: "ann@example.com", phones: ["5550102030"]), Patient("p1", "c1"));

        var review = Assert.Single(await _c.Sync.GetReviewQueueAsync(false));
        var held = Assert.Single(await _c.Sync.GetHeldAsync());
        Assert.Equal(("p1", "client:c1"), (held.RecordId, held.WaitingFor));
        Assert.Equal($"its client c1 matched several existing clients and waits for staff (review {review.Id})", held.Reason);
    }
}
