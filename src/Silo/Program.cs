using VetActors.Grains.Migrations;
using VetActors.GrpcApi;
using VetActors.Silo.Hosting;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddSiloConfiguration();
    builder.AddSiloEndpoint();
    builder.AddVetActorsRuntime();
    builder.AddGrpcApi();

    // The runtime and the API register before the database step, whose PostgreSQL stores then replace the
    // runtime's in-memory defaults; the domain's own tables (scope "grains") are migrated with the runtime's.
    await builder.AddSiloDatabaseAsync([new SchemaMigrations(GrainsSchema.Scope, typeof(GrainsSchema).Assembly)]);
    builder.AddSiloHealth();

    var app = builder.Build();
    app.MapSiloHealth();
    app.MapVetActorsServices();
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
