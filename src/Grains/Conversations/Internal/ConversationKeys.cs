namespace VetActors.Grains.Conversations.Internal;

/// <summary>Reads the clinic and object ids back out of the keys the conversation grains live under.</summary>
internal static class ConversationKeys
{
    /// <summary>The clinic id and last id segment of <c>clinic-42/conversation/{id}</c>.</summary>
    internal static (string ClinicId, string Id) ConversationOf(string key) => Split(key, 3, 2);

    /// <summary>The clinic id and client id of <c>clinic-42/client/{id}/conversations</c>.</summary>
    internal static (string ClinicId, string ClientId) ClientOf(string key) => Split(key, 4, 2);

    private static (string, string) Split(string key, int parts, int idIndex)
    {
        var segments = key.Split('/');
        if (segments.Length != parts || !segments[0].StartsWith("clinic-", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"'{key}' is not a key this grain lives under.");
        }

        return (segments[0]["clinic-".Length..], segments[idIndex]);
    }
}
