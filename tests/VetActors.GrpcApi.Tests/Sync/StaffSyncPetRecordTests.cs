using Grpc.Core;
using VetActors.Grains.Clients;
using VetActors.Grains.Sync;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.StaffSync.V1;

namespace VetActors.GrpcApi.Tests.Sync;

/// <summary>StaffSync.GetPetRecord: the whole synced record of a pet, as staff read it.</summary>
public sealed class StaffSyncPetRecordTests : IAsyncLifetime
{
    private const string Service = "/vetactors.staffsync.v1.StaffSync/";
    private readonly ApiTestHost _host = new();
    private ClinicWorld _world = null!;
    private string _session = "";
    private DateOnly _today;

    private static string RexId => PimsSyncKeys.PetIdFor("p1");

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _world = await ClinicWorld.CreateAsync(_host, "42");
        _today = DateOnly.FromDateTime(_host.Time.GetUtcNow().UtcDateTime);
        _session = (await Sync().ConnectAsync(new AgentHello("agent", "AVImark", "19", 0, true, null))).SessionId;
        await Sync().ApplyBatchAsync(_session, new SyncBatch(1,
        [
            new(PimsRecordKind.Client, "c1", 1)
            {
                Client = new PimsClientData("Ann", "Lee", new PostalAddress("1 Main St", null, "Springfield", "IL", "62701"), ["5550102030"], "ann@example.com"),
            },
            Patient(1, 12.5m, new DateOnly(2025, 12, 1), deceased: false),
            new(PimsRecordKind.Appointment, "a1", 1)
            {
                Appointment = new PimsAppointmentData("p1", _host.Time.GetUtcNow().AddDays(7), 30, "exam", "booked", "Dr. Rivera"),
            },
            new(PimsRecordKind.ServiceReminder, "s1", 1) { ServiceReminder = new PimsServiceReminderData("p1", "Rabies booster", _today.AddMonths(1), false) },
            new(PimsRecordKind.ServiceReminder, "s2", 1) { ServiceReminder = new PimsServiceReminderData("p1", "Dental", _today.AddYears(2), true) },
            new(PimsRecordKind.Vaccination, "v1", 1) { Vaccination = new PimsVaccinationData("p1", "Rabies", _today.AddMonths(-2), _today.AddMonths(10)) },
            new(PimsRecordKind.Prescription, "rx1", 1) { Prescription = new PimsPrescriptionData("p1", "Carprofen 75 mg", "active") },
            new(PimsRecordKind.Prescription, "rx2", 1) { Prescription = new PimsPrescriptionData("p1", "Amoxicillin", "expired") },
        ], EndOfImport: true));
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    private IPimsSyncGrain Sync() => _host.Grains.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync("42"));

    private static PimsRecord Patient(long version, decimal weight, DateOnly weighedOn, bool deceased, DateOnly? deceasedOn = null) =>
        new(PimsRecordKind.Patient, "p1", version)
        {
            Patient = new PimsPatientData(
                "c1", "Rex", "canine", "Beagle", "MN", new DateOnly(2020, 3, 1), weight, "kg", weighedOn, "tan", "985000000000001", deceased, deceasedOn),
        };

    private Task<GetPetRecordResponse> GetAsync(string petId, string? token = null) =>
        _world.CallAsync<GetPetRecordRequest, GetPetRecordResponse>(Service + "GetPetRecord", new GetPetRecordRequest { PetId = petId }, token ?? _world.StaffToken);

    [Fact]
    public async Task GetPetRecord_AfterImport_EveryFieldOfEveryRecordKind()
    {
        var record = await GetAsync(RexId);

        var pet = record.Pet;
        Assert.Equal(
            (RexId, "p1", "Rex", "canine", "Beagle", "MN", "2020-03-01", 12.5, "kg", "2025-12-01", "tan", "985000000000001", false, ""),
            (pet.PetId, pet.PimsId, pet.Name, pet.Species, pet.Breed, pet.Sex, pet.BirthDate, pet.Weight, pet.WeightUnit, pet.WeightDate, pet.Colour, pet.Microchip,
                pet.Deceased, pet.DeceasedDate));
        Assert.Equal(_host.Time.GetUtcNow(), pet.DataAsOf.ToDateTimeOffset());
        Assert.Equal((PimsSyncKeys.ClientIdFor("c1"), "c1", 1L, false), (record.OwnerClientId, record.OwnerPimsId, record.PimsVersion, record.Deleted));
        Assert.Equal(("kg", 12.5, "2025-12-01"), (Assert.Single(record.WeightHistory).Unit, record.WeightHistory[0].Value, record.WeightHistory[0].MeasuredOn));
        Assert.Empty(record.NameHistory);
        var appointment = Assert.Single(record.Appointments);
        Assert.Equal(
            ("a1", _host.Time.GetUtcNow().AddDays(7), 30, "exam", "booked", "Dr. Rivera", ""),
            (appointment.PimsId, appointment.Start.ToDateTimeOffset(), appointment.DurationMinutes, appointment.Type, appointment.Status, appointment.Provider, appointment.StaffFlag));
        Assert.Equal(
            [("s1", "Rabies booster", Iso(_today.AddMonths(1)), false), ("s2", "Dental", Iso(_today.AddYears(2)), true)],
            record.Reminders.Select(r => (r.PimsId, r.Service, r.DueDate, r.Completed)));
        var vaccination = Assert.Single(record.Vaccinations);
        Assert.Equal(("v1", "Rabies", Iso(_today.AddMonths(-2)), Iso(_today.AddMonths(10))), (vaccination.PimsId, vaccination.Vaccine, vaccination.Given, vaccination.Expires));
        Assert.Equal(
            [("rx1", "Carprofen 75 mg", "active", false, "Rex"), ("rx2", "Amoxicillin", "expired", false, "Rex")],
            record.Prescriptions.Select(p => (p.PimsId, p.Drug, p.Status, p.RewriteRequired, p.WrittenForName)));
    }

    [Fact]
    public async Task GetPetRecord_AfterWeightChange_KeepsTheHistoryOldestFirst()
    {
        await Sync().ApplyBatchAsync(_session, new SyncBatch(2, [Patient(2, 13.1m, new DateOnly(2026, 1, 10), deceased: false)]));

        var record = await GetAsync(RexId);

        Assert.Equal([(12.5, "2025-12-01"), (13.1, "2026-01-10")], record.WeightHistory.Select(w => (w.Value, w.MeasuredOn)));
        Assert.Equal(13.1, record.Pet.Weight);
    }

    [Fact]
    public async Task GetPetRecord_AfterRename_NameHistoryAndActivePrescriptionFlagged()
    {
        await _world.CallAsync<RenamePetRequest, RenamePetResponse>(
            Service + "RenamePet", new RenamePetRequest { PetId = RexId, NewName = "Rexford", Reason = "Owner's request" }, _world.StaffToken);

        var record = await GetAsync(RexId);

        var change = Assert.Single(record.NameHistory);
        Assert.Equal(
            ("Rex", "Rexford", "Owner's request", _world.StaffUserId, "985000000000001", "rx1"),
            (change.OldName, change.NewName, change.Reason, change.ChangedBy, change.Microchip, string.Join(",", change.FlaggedPrescriptionIds)));
        Assert.Equal("Rexford", record.Pet.Name);
        Assert.Equal(
            [("rx1", true, "Rex"), ("rx2", false, "Rex")],
            record.Prescriptions.Select(p => (p.PimsId, p.RewriteRequired, p.WrittenForName)));
    }

    [Fact]
    public async Task GetPetRecord_Deceased_FutureAppointmentFlaggedAndRemindersStillOnRecord()
    {
        await Sync().ApplyBatchAsync(_session, new SyncBatch(2, [Patient(2, 12.5m, new DateOnly(2025, 12, 1), deceased: true, _today)]));

        var record = await GetAsync(RexId);

        Assert.Equal((true, Iso(_today)), (record.Pet.Deceased, record.Pet.DeceasedDate));
        Assert.Equal("patient_deceased", Assert.Single(record.Appointments).StaffFlag);
        Assert.Equal(2, record.Reminders.Count);
    }

    [Fact]
    public async Task GetPetRecord_PetOfAnotherClinic_NotFound()
    {
        var other = await ClinicWorld.CreateAsync(_host, "43");

        var error = await Assert.ThrowsAsync<RpcException>(() => GetAsync(RexId, other.StaffToken));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task GetPetRecord_Unknown_NotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => GetAsync("p-nobody"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task GetPetRecord_AsAgentOrPortalClient_PermissionDenied()
    {
        foreach (var token in new[] { _world.AgentToken, _world.ClientToken })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => GetAsync(RexId, token));
            Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
