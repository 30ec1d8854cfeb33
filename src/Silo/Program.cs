using VetActors.Silo.Hosting;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddSiloConfiguration();
    builder.AddSiloEndpoint();

    // The actor runtime and the gRPC services register here, before the database step, whose PostgreSQL stores
    // then replace the runtime's in-memory defaults; their endpoints map below, next to the health endpoint.
    await builder.AddSiloDatabaseAsync();
    builder.AddSiloHealth();

    var app = builder.Build();
    app.MapSiloHealth();
    await app.RunAsync();
    return 0;
}
catch (SiloStartupException ex)
{
    Console.Error.WriteLine($"VetActors silo: {ex.Message}");
    return 1;
}
catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    Console.Error.WriteLine($"VetActors silo: {ex.Message} Set Silo:ListenUrl (VETACTORS__Silo__ListenUrl) to a free address.");
    return 1;
}
