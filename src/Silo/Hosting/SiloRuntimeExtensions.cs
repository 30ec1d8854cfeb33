using VetActors.Grains.Hosting;

namespace VetActors.Silo.Hosting;

/// <summary>The actor runtime with the domain's grains, over the PostgreSQL storage registered before it.</summary>
internal static class SiloRuntimeExtensions
{
    public static WebApplicationBuilder AddVetActorsRuntime(this WebApplicationBuilder builder)
    {
        builder.Services.AddVetActorsGrains(builder.Configuration);
        return builder;
    }
}
