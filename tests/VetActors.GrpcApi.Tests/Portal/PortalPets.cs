using VetActors.Actors;
using VetActors.Grains.Clients;
using VetActors.Grains.Common;
using VetActors.Grains.Pets;
using VetActors.Grains.Sync;

namespace VetActors.GrpcApi.Tests.Portal;

/// <summary>Arranges what PIMS sync would deliver: a client record with pets, and records (vaccines, reminders) for a pet.</summary>
internal static class PortalPets
{
    public static async Task AddClientWithPetsAsync(IGrainFactory grains, string clinicId, string clientId, params (string PetId, string Name)[] pets)
    {
        foreach (var (petId, name) in pets)
        {
            await AddRecordsAsync(grains, clinicId, clientId, petId, Patient(petId, name));
        }

        var client = new PimsRecord(PimsRecordKind.Client, "pims-" + clientId, 1)
        {
            Client = new PimsClientData("Ann", "Lee", null, [], $"{clientId}@owner.example"),
        };
        await grains.GetGrain<IClientGrain>(GrainKeys.Client(clinicId, clientId))
            .ApplyPimsAsync(new ClientPimsUpdate("pims-" + clientId, client, SyncPolicy.ApplyAll, [.. pets.Select(p => p.PetId)], []));
    }

    public static Task AddRecordsAsync(IGrainFactory grains, string clinicId, string clientId, string petId, params PimsRecord[] records) =>
        grains.GetGrain<IPetGrain>(GrainKeys.Pet(clinicId, petId)).ApplyPimsAsync(new PetPimsUpdate(clientId, records, SyncPolicy.ApplyAll));

    public static PimsRecord Patient(string petId, string name) => new(PimsRecordKind.Patient, "pims-" + petId, 1)
    {
        Patient = new PimsPatientData(
            "pims-owner", name, "canine", "Beagle", "MN", new DateOnly(2020, 3, 1), 12.5m, "kg", new DateOnly(2025, 12, 1), "tan", "985000000000001", false, null),
    };

    public static PimsRecord Vaccine(string id, string petId, string vaccine, DateOnly given, DateOnly? expires) =>
        new(PimsRecordKind.Vaccination, id, 1) { Vaccination = new PimsVaccinationData("pims-" + petId, vaccine, given, expires) };

    public static PimsRecord Reminder(string id, string petId, string service, DateOnly due, bool completed = false) =>
        new(PimsRecordKind.ServiceReminder, id, 1) { ServiceReminder = new PimsServiceReminderData("pims-" + petId, service, due, completed) };
}
