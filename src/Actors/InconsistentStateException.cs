namespace VetActors.Actors;

/// <summary>
/// A write or clear found the stored version different from the one this activation read (an ETag
/// conflict). As in Orleans, when it escapes a grain method the activation is deactivated so the next
/// call reloads the state.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException()
    {
    }

    public InconsistentStateException(string message) : base(message)
    {
    }

    public InconsistentStateException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public InconsistentStateException(string message, string? storedEtag, string? currentEtag, Exception? innerException = null)
        : base(message, innerException)
    {
        StoredEtag = storedEtag;
        CurrentEtag = currentEtag;
    }

    /// <summary>The version found in storage, when known.</summary>
    public string? StoredEtag { get; }

    /// <summary>The version the activation expected.</summary>
    public string? CurrentEtag { get; }
}
