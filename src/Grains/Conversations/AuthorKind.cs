namespace VetActors.Grains.Conversations;

/// <summary>Which side of a conversation someone speaks for.</summary>
public enum AuthorKind
{
    /// <summary>The pet owner, from the portal or by text message.</summary>
    Client = 1,

    /// <summary>A clinic staff member.</summary>
    Staff = 2,
}
