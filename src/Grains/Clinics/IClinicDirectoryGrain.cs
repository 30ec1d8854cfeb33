using VetActors.Actors;

namespace VetActors.Grains.Clinics;

/// <summary>
/// The one index that spans clinics (key <see cref="Key"/>): which clinic a practice id belongs to, so the front desk
/// can sign in with its practice id. It holds ids only, never clinic data.
/// </summary>
public interface IClinicDirectoryGrain : IGrainWithStringKey
{
    const string Key = "directory";

    /// <summary>Claims <paramref name="practiceId"/> for <paramref name="clinicId"/>; ALREADY_EXISTS when another clinic has it.</summary>
    Task RegisterAsync(string practiceId, string clinicId);

    /// <summary>The clinic whose practice id this is, or <c>null</c>.</summary>
    Task<string?> FindByPracticeIdAsync(string practiceId);

    /// <summary>Every clinic id, in creation order.</summary>
    Task<IReadOnlyList<string>> ListClinicsAsync();
}
