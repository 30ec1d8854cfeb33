using Google.Protobuf;
using Grpc.Core;
using VetActors.Grains.Clients;
using VetActors.Grains.Common;
using VetActors.Grains.Pets;
using VetActors.GrpcApi.Portal.Internal;
using VetActors.GrpcApi.Security;
using VetActors.Protos.Portal.V1;

namespace VetActors.GrpcApi.Portal;

/// <summary>The owner's pets: signalment, ID card, photo and reminders. The pet grain refuses another client's pet (NOT_FOUND).</summary>
internal sealed partial class PortalService
{
    /// <summary>
    /// The largest request the portal reads: a 10 MiB photo with its pet id, file name and framing. gRPC's 4 MiB
    /// default would refuse most phone photos; a request well past this is refused with RESOURCE_EXHAUSTED before it
    /// is buffered, one just past 10 MiB of content with INVALID_ARGUMENT by the photo check.
    /// </summary>
    internal const int MaxReceiveMessageSize = PetPhotoLimit + (64 * 1024);

    private const int PetPhotoLimit = 10 * 1024 * 1024;

    [Allow(Callers.PortalClient)]
    public override async Task<ListPetsResponse> ListPets(ListPetsRequest request, ServerCallContext context)
    {
        var (clinicId, clientId) = Client(context);
        var pets = await grains.GetGrain<IClientGrain>(GrainKeys.Client(clinicId, clientId)).GetPortalPetsAsync();
        return new ListPetsResponse { Pets = { pets.Select(PortalPetsMapping.ToProto) } };
    }

    [Allow(Callers.PortalClient)]
    public override async Task<GetPetResponse> GetPet(GetPetRequest request, ServerCallContext context)
    {
        var (pet, clientId) = Pet(context, request.PetId);
        return new GetPetResponse { Pet = (await pet.GetForOwnerAsync(clientId)).ToProto() };
    }

    [Allow(Callers.PortalClient)]
    public override async Task<GetPetIdCardResponse> GetPetIdCard(GetPetIdCardRequest request, ServerCallContext context)
    {
        var (pet, clientId) = Pet(context, request.PetId);
        var (content, fileName) = PetIdCardDocument.Render(await pet.GetIdCardAsync(clientId), idCardOptions.Value);
        return new GetPetIdCardResponse { Content = ByteString.CopyFrom(content), ContentType = "application/pdf", FileName = fileName };
    }

    [Allow(Callers.PortalClient)]
    public override async Task<UploadPetPhotoResponse> UploadPetPhoto(UploadPetPhotoRequest request, ServerCallContext context)
    {
        var (pet, clientId) = Pet(context, request.PetId);
        var stored = await pet.SetPhotoAsync(clientId, new PetPhotoUpload(request.FileName, request.Content.Memory));
        return new UploadPetPhotoResponse { Photo = stored.ToProto() };
    }

    [Allow(Callers.PortalClient)]
    public override async Task<GetPetPhotoResponse> GetPetPhoto(GetPetPhotoRequest request, ServerCallContext context)
    {
        var (pet, clientId) = Pet(context, request.PetId);
        var photo = await pet.GetPhotoAsync(clientId);
        return new GetPetPhotoResponse { Photo = photo.Info.ToProto(), Content = UnsafeByteOperations.UnsafeWrap(photo.Content) };
    }

    [Allow(Callers.PortalClient)]
    public override async Task<ListPetRemindersResponse> ListPetReminders(ListPetRemindersRequest request, ServerCallContext context)
    {
        var (pet, clientId) = Pet(context, request.PetId);
        var due = await pet.GetDueServicesForOwnerAsync(clientId);
        return new ListPetRemindersResponse { Reminders = { due.Select(PortalPetsMapping.ToProto) } };
    }

    private (IPetGrain Pet, string ClientId) Pet(ServerCallContext context, string petId)
    {
        var (clinicId, clientId) = Client(context);
        var id = GrainKeys.IsValidId(petId) ? petId : throw new ValidationException("pet_id", "must be a pet id.");
        return (grains.GetGrain<IPetGrain>(GrainKeys.Pet(clinicId, id)), clientId);
    }
}
