using Grpc.Core;
using VetActors.Grains.Clients;
using VetActors.Grains.Common;
using VetActors.Grains.Pets;
using VetActors.Grains.Sync;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.GrpcApi.Tests.Security;
using VetActors.Protos.Portal.V1;

namespace VetActors.GrpcApi.Tests.Portal;

/// <summary>
/// Tenancy samples of the portal home, the pet's appointments and the clinic settings. Each clinic's signed-in client
/// has a record (the home of clinic B's client is its own, naming nothing of clinic A); clinic A's client owns pet
/// <see cref="PetId"/>, which clinic B's client cannot name.
/// </summary>
internal static class HomeTenancy
{
    public const string PetId = "pet-a";

    private const string Portal = "/vetactors.portal.v1.Portal/";
    private const string Settings = "/vetactors.portal.v1.PortalSettings/";

    public static IEnumerable<KeyValuePair<string, TenancySample>> Samples()
    {
        yield return new(Portal + "GetHome", new(_ => new GetHomeRequest(), StatusCode.OK, StatusCode.OK, Arrange: ArrangeAsync));
        yield return new(Portal + "ListPetAppointments", new(
            _ => new ListPetAppointmentsRequest { PetId = PetId }, StatusCode.OK, StatusCode.NotFound, Arrange: ArrangeAsync));
        yield return new(Settings + "GetClinicSettings", new(_ => new GetClinicSettingsRequest(), StatusCode.OK, StatusCode.OK));
        yield return new(Settings + "UpdateClinicSettings", new(
            _ => new UpdateClinicSettingsRequest
            {
                Settings = new ClinicSettings
                {
                    Appointments = new AppointmentVisibility { Kinds = { "Exam" }, HorizonDays = 30 },
                    Widgets = { WebsiteWidget.Chat },
                    ServiceRemindersEnabled = true,
                },
            },
            StatusCode.OK, StatusCode.OK));
    }

    private static async Task ArrangeAsync(ApiTestHost host, TenancyWorld world)
    {
        foreach (var clinic in new[] { world.A, world.B })
        {
            await host.Grains.GetGrain<IClientGrain>(GrainKeys.Client(clinic.ClinicId, clinic.ClientId))
                .CreateAsync(new ClientDetails("Ann", "Lee", null, [], clinic.ClientEmail), "portal");
        }

        var a = world.A;
        await host.Grains.GetGrain<IPetGrain>(GrainKeys.Pet(a.ClinicId, PetId)).ApplyPimsAsync(new PetPimsUpdate(
            a.ClientId,
            [new PimsRecord(PimsRecordKind.Patient, "P-1", 1)
            {
                Patient = new PimsPatientData("C-1", "Rex", "canine", null, null, null, null, null, null, null, null, false, null),
            }],
            SyncPolicy.ApplyAll));
        await host.Grains.GetGrain<IClientGrain>(GrainKeys.Client(a.ClinicId, a.ClientId))
            .ApplyPimsAsync(new ClientPimsUpdate("C-1", null, SyncPolicy.Default, [PetId], []));
    }
}
