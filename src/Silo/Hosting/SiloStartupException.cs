namespace VetActors.Silo.Hosting;

/// <summary>The silo cannot start; the message says what to fix, and the entry point prints it.</summary>
internal sealed class SiloStartupException : Exception
{
    public SiloStartupException()
    {
    }

    public SiloStartupException(string message) : base(message)
    {
    }

    public SiloStartupException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
