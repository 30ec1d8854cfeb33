namespace VetActors.InteropClient;

/// <summary>An interop case saw something other than what the specification requires.</summary>
public sealed class InteropCaseFailedException : Exception
{
    public InteropCaseFailedException()
    {
    }

    public InteropCaseFailedException(string message) : base(message)
    {
    }

    public InteropCaseFailedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
