using VetActors.Actors;
using VetActors.Grains.Consent;
using VetActors.Grains.Identity;

namespace VetActors.Grains.Sync.Internal;

/// <summary>
/// Answers pet-owner sign-in and inbound texts from the clinic's sync index, which holds every active client
/// (PIMS imports and clients created outside the PIMS; deleted clients are dropped from it).
/// </summary>
internal sealed class PimsClientDirectory(IGrainFactory grains) : IClientContactDirectory, IClientPhoneDirectory
{
    public async Task<ClientContact?> FindAsync(string clinicId, string emailOrMobile, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var matches = await FindAsync(clinicId, emailOrMobile);

        // Two clients sharing the address or number cannot tell which one is signing in, so neither is chosen.
        if (matches.Count != 1)
        {
            return null;
        }

        var entry = matches[0];
        var phone = Normalize.Phone(emailOrMobile);
        var mobile = entry.Phones.FirstOrDefault(p => phone is not null && Normalize.Phone(p) == phone) ?? (entry.Phones.Count > 0 ? entry.Phones[0] : null);
        return new ClientContact(entry.ClientId, entry.Email, mobile);
    }

    public async Task<IReadOnlyList<string>> FindClientIdsAsync(string clinicId, string phone, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (string.IsNullOrWhiteSpace(phone) || phone.Contains('@', StringComparison.Ordinal))
        {
            return [];
        }

        var matches = await FindAsync(clinicId, phone);
        return [.. matches.Select(e => e.ClientId)];
    }

    private async Task<IReadOnlyList<ClientIndexEntry>> FindAsync(string clinicId, string emailOrPhone)
    {
        if (string.IsNullOrWhiteSpace(emailOrPhone) || emailOrPhone.Length > 254)
        {
            return [];
        }

        return await grains.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync(clinicId)).FindClientsByContactAsync(emailOrPhone.Trim());
    }
}
