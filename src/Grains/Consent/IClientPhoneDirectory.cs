namespace VetActors.Grains.Consent;

/// <summary>
/// Finds the clients of a clinic whose mobile phone is a given number, for texts arriving on the clinic's SMS
/// number; provided by the client records (PIMS sync). A phone shared by several clients (a household) yields each
/// of them; matching is on the digits only.
/// </summary>
public interface IClientPhoneDirectory
{
    Task<IReadOnlyList<string>> FindClientIdsAsync(string clinicId, string phone, CancellationToken cancellationToken = default);
}
