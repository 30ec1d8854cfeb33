using VetActors.Grains.Appointments;

namespace VetActors.Grains.Tests.Infrastructure;

/// <summary>A fixed list of active veterinarians per clinic.</summary>
public sealed class VeterinarianList(params string[] clinicAndStaff) : IPractitionerDirectory
{
    public Task<bool> IsActiveVeterinarianAsync(string clinicId, string staffId, CancellationToken cancellationToken) =>
        Task.FromResult(clinicAndStaff.Contains($"{clinicId}/{staffId}"));
}
