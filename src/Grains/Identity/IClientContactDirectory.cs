namespace VetActors.Grains.Identity;

/// <summary>
/// Finds the client record a pet owner signs in as, by the email address or mobile number they typed; provided by
/// the client records (PIMS sync). Matching is on the normalised value (email case-insensitive, phone digits only)
/// and only on active clients of that clinic; <c>null</c> when none or more than one matches.
/// </summary>
public interface IClientContactDirectory
{
    Task<ClientContact?> FindAsync(string clinicId, string emailOrMobile, CancellationToken cancellationToken = default);
}
