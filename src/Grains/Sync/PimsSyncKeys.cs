using VetActors.Grains.Common;

namespace VetActors.Grains.Sync;

/// <summary>Keys of the sync grain and of the clients and pets it creates from PIMS ids.</summary>
public static class PimsSyncKeys
{
    /// <summary>The clinic's sync grain: <c>clinic-42/sync</c>.</summary>
    public static string Sync(string clinicId) => GrainKeys.Clinic(clinicId) + "/sync";

    /// <summary>
    /// The client id given to a PIMS client that merged with nobody: derived from the PIMS id, so a batch applied
    /// again after a crash lands on the same grain.
    /// </summary>
    public static string ClientIdFor(string pimsClientId) => "p-" + Safe(pimsClientId);

    /// <summary>The pet id of a PIMS patient, derived the same way.</summary>
    public static string PetIdFor(string pimsPatientId) => "p-" + Safe(pimsPatientId);

    private static string Safe(string pimsId)
    {
        if (GrainKeys.IsValidId(pimsId) && pimsId.Length <= 60)
        {
            return pimsId;
        }

        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(pimsId));
        return "h" + Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }
}
