using Google.Protobuf;
using Grpc.Core;
using VetActors.Grains.Common;
using VetActors.Grains.Pets;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.GrpcApi.Tests.Security;
using VetActors.Protos.Portal.V1;

namespace VetActors.GrpcApi.Tests.Portal;

/// <summary>
/// Tenancy samples of the portal's pet RPCs: clinic A's portal client owns pet <see cref="PetId"/> (with a reminder,
/// a vaccine and a photo); clinic B's client names the same pet id and finds nothing, and its own (empty) list.
/// </summary>
internal static class PetsTenancy
{
    public const string PetId = "pet-tenant";

    private const string Portal = "/vetactors.portal.v1.Portal/";

    public static IEnumerable<KeyValuePair<string, TenancySample>> Samples()
    {
        yield return Sample("ListPets", StatusCode.OK, StatusCode.OK, () => new ListPetsRequest());
        yield return Sample("GetPet", StatusCode.OK, StatusCode.NotFound, () => new GetPetRequest { PetId = PetId });
        yield return Sample("GetPetIdCard", StatusCode.OK, StatusCode.NotFound, () => new GetPetIdCardRequest { PetId = PetId });
        yield return Sample("UploadPetPhoto", StatusCode.OK, StatusCode.NotFound, () => new UploadPetPhotoRequest
        {
            PetId = PetId,
            FileName = "rex.png",
            Content = ByteString.CopyFrom(TestImages.Png()),
        });
        yield return Sample("GetPetPhoto", StatusCode.OK, StatusCode.NotFound, () => new GetPetPhotoRequest { PetId = PetId });
        yield return Sample("ListPetReminders", StatusCode.OK, StatusCode.NotFound, () => new ListPetRemindersRequest { PetId = PetId });
    }

    private static async Task ArrangeAsync(ApiTestHost host, TenancyWorld world)
    {
        var (clinic, client) = (world.A.ClinicId, world.A.ClientId);
        var today = DateOnly.FromDateTime(host.Time.GetUtcNow().UtcDateTime);
        await PortalPets.AddClientWithPetsAsync(host.Grains, clinic, client, (PetId, "Rex"));
        await PortalPets.AddRecordsAsync(
            host.Grains, clinic, client, PetId,
            PortalPets.Vaccine("v-1", PetId, "Rabies", today.AddMonths(-1), today.AddYears(1)),
            PortalPets.Reminder("r-1", PetId, "Dental check", today.AddMonths(1)));
        await host.Grains.GetGrain<IPetGrain>(GrainKeys.Pet(clinic, PetId)).SetPhotoAsync(client, new PetPhotoUpload("rex.png", TestImages.Png()));
    }

    private static KeyValuePair<string, TenancySample> Sample<TRequest>(string method, StatusCode own, StatusCode other, Func<TRequest> request)
        where TRequest : class, IMessage =>
        new(Portal + method, new TenancySample(
            null,
            own,
            other,
            async (host, _, token) => (await host.InvokeUntypedAsync(Portal + method, request(), token)).ToString() ?? string.Empty,
            ArrangeAsync));
}
