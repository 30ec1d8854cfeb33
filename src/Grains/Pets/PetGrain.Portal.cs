using VetActors.Actors;
using VetActors.Grains.Clinics;
using VetActors.Grains.Common;
using VetActors.Grains.Pets.Internal;

namespace VetActors.Grains.Pets;

/// <summary>
/// The owner's view of the pet. Every method takes the owner's client id and answers NOT_FOUND, exactly as for a
/// pet that does not exist, when the pet is not that client's: nothing about another client's pet is revealed.
/// "Today" is the day in the clinic's time zone, not UTC's, so a window never shifts by a day in the evening.
/// </summary>
internal sealed partial class PetGrain
{
    public async Task<PetPortalView> GetForOwnerAsync(string clientId)
    {
        EnsureOwnedBy(clientId);
        return PortalView(ClinicToday(await ClinicAsync()));
    }

    public async Task<PetPortalView?> FindForOwnerAsync(string clientId) =>
        IsOwnedBy(clientId) ? PortalView(ClinicToday(await ClinicAsync())) : null;

    public async Task<PetIdCard> GetIdCardAsync(string clientId)
    {
        EnsureOwnedBy(clientId);
        var clinic = await ClinicAsync();
        PimsCapabilities.Require(clinic.PimsKind, PimsFeature.PetIdCard);
        var today = ClinicToday(clinic);

        // A vaccine is current through its expiry date (a certificate "expiring 2026-11-22" still covers that day).
        var current = Live(State.Vaccinations)
            .Where(v => v.Expires is null || v.Expires >= today)
            .OrderBy(v => v.Vaccine, StringComparer.OrdinalIgnoreCase)
            .ThenByDescending(v => v.Given)
            .ToArray();
        return new PetIdCard(PetId, Signalment(), Age(today), current, clinic.Name, clinic.Phone, today);
    }

    public async Task<IReadOnlyList<DueService>> GetDueServicesForOwnerAsync(string clientId)
    {
        EnsureOwnedBy(clientId);
        var clinic = await ClinicAsync();
        PimsCapabilities.Require(clinic.PimsKind, PimsFeature.ServiceReminders);
        var today = ClinicToday(clinic);
        var horizon = today.AddMonths(ServiceHorizonMonths);
        return OpenReminders(r => r.DueDate <= horizon)
            .Select(r => new DueService(r.PimsId, r.Service, r.DueDate, r.DueDate < today))
            .ToArray();
    }

    public async Task<PetPhotoInfo> SetPhotoAsync(string clientId, PetPhotoUpload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        EnsureOwnedBy(clientId);
        var (contentType, width, height) = PetPhotoInspector.Inspect(upload.Content.Span);
        var info = new PetPhotoInfo(contentType, upload.Content.Length, width, height, time.GetUtcNow());

        // The content is durable before the pet says it has a photo; a crash in between leaves the previous
        // description, and the next upload replaces both.
        await Photo.StoreAsync(new PetPhoto(info, upload.Content));
        State.Photo = info;
        await SaveAsync();
        return info;
    }

    public async Task<PetPhoto> GetPhotoAsync(string clientId)
    {
        EnsureOwnedBy(clientId);
        var photo = State.Photo is null ? null : await Photo.GetAsync();
        return photo ?? throw new NotFoundException("pet.no_photo", $"Pet {PetId} has no photo yet.");
    }

    private IPetPhotoGrain Photo => GrainFactory.GetGrain<IPetPhotoGrain>(this.GetPrimaryKeyString() + "/photo");

    private PetPortalView PortalView(DateOnly today) => new(PetId, Signalment(), Age(today), State.Photo, State.DataAsOf);

    private Signalment Signalment() => new(
        State.Name,
        State.Species,
        State.Breed,
        State.Sex,
        State.BirthDate,
        State.Weights.Count > 0 ? State.Weights[^1] : null,
        State.Colour,
        State.Microchip,
        State.Deceased,
        State.DeceasedDate);

    private PetAge? Age(DateOnly today) =>
        State.BirthDate is { } birth ? PetAge.On(birth, State.Deceased && State.DeceasedDate is { } died && died < today ? died : today) : null;

    private bool IsOwnedBy(string clientId) =>
        State.PimsVersion is not null && !State.Deleted && !string.IsNullOrEmpty(clientId)
        && string.Equals(State.OwnerClientId, clientId, StringComparison.Ordinal);

    private void EnsureOwnedBy(string clientId)
    {
        if (!IsOwnedBy(clientId))
        {
            throw new NotFoundException("pet.not_found", $"Pet {PetId} does not exist.");
        }
    }

    private Task<ClinicProfile> ClinicAsync() =>
        GrainFactory.GetGrain<IClinicGrain>(GrainKeys.Clinic(GrainKeys.ClinicIdOf(this.GetPrimaryKeyString()))).GetProfileAsync();

    private DateOnly ClinicToday(ClinicProfile clinic)
    {
        // The clinic grain accepts only time zones this machine knows, so the lookup cannot fail for a stored one.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(clinic.TimeZone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
    }
}
