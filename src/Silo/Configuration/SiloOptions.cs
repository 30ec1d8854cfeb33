namespace VetActors.Silo.Configuration;

/// <summary>The silo's identity and endpoint (section <c>Silo</c>; environment: <c>VETACTORS__Silo__ServiceId</c>, ...).</summary>
internal sealed class SiloOptions
{
    public const string SectionName = "Silo";

    /// <summary>Names this deployment in every stored row, so several deployments can share one database.</summary>
    public string ServiceId { get; set; } = "vetactors";

    /// <summary>The HTTP/2 cleartext (h2c) endpoint: <c>http://</c>, an IP address or <c>localhost</c>, and a port.</summary>
    public string ListenUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// How long shutdown may take: in-flight grain turns finish within it. Longer than the 30 s call timeout so a
    /// turn that started just before shutdown can still complete.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(45);
}
