namespace VetActors.Grains.Common;

/// <summary>
/// Builds grain keys. Every key starts with its clinic (<c>clinic-42</c>, <c>clinic-42/client/981</c>), so a
/// key built from an authenticated principal's clinic can never name another clinic's grain. Ids are checked
/// so that no id can smuggle a separator into a key.
/// </summary>
public static class GrainKeys
{
    private const int MaxIdLength = 64;

    public static string Clinic(string clinicId) => "clinic-" + Id(clinicId, nameof(clinicId));

    public static string Client(string clinicId, string clientId) => Child(clinicId, "client", clientId, nameof(clientId));

    /// <summary>The index of one client's conversations (<c>clinic-42/client/981/conversations</c>).</summary>
    public static string ClientConversations(string clinicId, string clientId) => Client(clinicId, clientId) + "/conversations";

    /// <summary>The index of one client's appointments (<c>clinic-42/client/981/appointments</c>).</summary>
    public static string ClientAppointments(string clinicId, string clientId) => Client(clinicId, clientId) + "/appointments";

    /// <summary>One client's SMS and email consent (<c>clinic-42/client/981/consent</c>).</summary>
    public static string ClientConsent(string clinicId, string clientId) => Client(clinicId, clientId) + "/consent";

    /// <summary>A file one client's conversations carry (<c>clinic-42/client/981/attachment/{id}</c>).</summary>
    public static string ConversationAttachment(string clinicId, string clientId, string attachmentId) =>
        Client(clinicId, clientId) + "/attachment/" + Id(attachmentId, nameof(attachmentId));

    public static string Pet(string clinicId, string petId) => Child(clinicId, "pet", petId, nameof(petId));

    public static string Conversation(string clinicId, string conversationId) => Child(clinicId, "conversation", conversationId, nameof(conversationId));

    public static string Appointment(string clinicId, string referenceId) => Child(clinicId, "appt", referenceId, nameof(referenceId));

    public static string StaffUser(string clinicId, string userId) => Child(clinicId, "staff", userId, nameof(userId));

    /// <summary>A clinic's payment account and ledger (<c>clinic-42/payments/account</c>).</summary>
    public static string PaymentAccount(string clinicId) => Child(clinicId, "payments", "account");

    /// <summary>A key for another per-clinic object kind (<c>clinic-42/{kind}/{id}</c>); <paramref name="idName"/> names the id in errors.</summary>
    public static string Child(string clinicId, string kind, string id, string idName = "id") =>
        Clinic(clinicId) + "/" + Id(kind, nameof(kind)) + "/" + Id(id, idName);

    /// <summary>The clinic id a key belongs to (the inverse of the builders).</summary>
    public static string ClinicIdOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.StartsWith("clinic-", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{key}' is not a clinic-scoped key.", nameof(key));
        }
        var end = key.IndexOf('/', StringComparison.Ordinal);
        return end < 0 ? key["clinic-".Length..] : key["clinic-".Length..end];
    }

    /// <summary>Whether <paramref name="id"/> can be part of a key: 1-64 of A-Z a-z 0-9 - _ .</summary>
    public static bool IsValidId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength)
        {
            return false;
        }
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }
        return true;
    }

    private static string Id(string id, string name) =>
        IsValidId(id) ? id : throw new ValidationException(name, "must be 1-64 characters of A-Z, a-z, 0-9, '-', '_' or '.'.");
}
