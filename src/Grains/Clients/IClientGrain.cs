using VetActors.Actors;
using VetActors.Actors.Concurrency;
using VetActors.Grains.Pets;
using VetActors.Grains.Sync;

namespace VetActors.Grains.Clients;

/// <summary>A pet owner of one clinic (<c>clinic-42/client/981</c>).</summary>
public interface IClientGrain : IGrainWithStringKey
{
    /// <summary>Creates a client outside the PIMS (portal sign-up, online pharmacy) and indexes it for merges and search.</summary>
    Task<ClientProfile> CreateAsync(ClientDetails details, string source);

    /// <summary>Applies the PIMS's changes for this client; name, address and phone changes the policy holds are returned, not applied.</summary>
    Task<ClientApplyResult> ApplyPimsAsync(ClientPimsUpdate update);

    /// <summary>Applies a held change staff approved (the proposed values come from the held record).</summary>
    Task<ClientIndexEntry> ApplyReviewedAsync(ReviewKind kind, PimsClientData proposed, string staffUserId);

    /// <summary>Detaches the PIMS client merged into this one and restores the details it had before.</summary>
    Task<MergeSnapshot> UndoMergeAsync(string pimsClientId);

    /// <summary>Becomes the split-off copy of a PIMS client whose merge was undone.</summary>
    Task<ClientIndexEntry> SplitFromAsync(MergeSnapshot snapshot);

    /// <summary>The client with its pet ids and "data as of".</summary>
    [ReadOnly]
    Task<ClientProfile> GetProfileAsync();

    /// <summary>The client's pets with their signalment (deleted pets excluded).</summary>
    [ReadOnly]
    Task<IReadOnlyList<PetProfile>> GetPetsAsync();

    /// <summary>The client's pets as the portal shows them to the client, by name (pets moved to another owner excluded).</summary>
    [ReadOnly]
    Task<IReadOnlyList<PetPortalView>> GetPortalPetsAsync();
    /// <summary>
    /// The portal home: the clinic with its settings, each pet with its upcoming appointments and services due as the
    /// settings allow, and the active conversation. The pets are asked in parallel.
    /// </summary>
    [ReadOnly]
    Task<PortalHome> GetPortalHomeAsync();

    /// <summary>One of the client's pets' appointments as the clinic's settings show them; NOT_FOUND for any other pet.</summary>
    [ReadOnly]
    Task<IReadOnlyList<PetAppointment>> GetPetAppointmentsAsync(string petId);
}
