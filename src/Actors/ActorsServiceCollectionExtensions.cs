using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VetActors.Actors.Hosting;
using VetActors.Actors.Internal;
using VetActors.Actors.Reminders;
using VetActors.Actors.Storage;

namespace VetActors.Actors;

/// <summary>Registers the actor runtime.</summary>
public static class ActorsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the actor runtime as a hosted service, <see cref="IGrainFactory"/>, and validated
    /// <see cref="ActorRuntimeOptions"/>. Grain state and reminders use the registered <see cref="IGrainStorage"/>
    /// and <see cref="IReminderTable"/>; when none is registered, in-memory ones (tests only: nothing survives).
    /// </summary>
    public static IServiceCollection AddVetActors(this IServiceCollection services, Action<ActorsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new ActorsBuilder(services);
        configure(builder);

        services.AddOptions<ActorRuntimeOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ActorRuntimeOptions>, ActorRuntimeOptionsValidator>());
        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IGrainStorage, InMemoryGrainStorage>();
        services.TryAddSingleton<IReminderTable, InMemoryReminderTable>();

        var classes = GrainTypeRegistry.Discover(builder.GrainAssemblies).Concat(builder.GrainClasses).ToArray();
        services.AddSingleton(_ => new GrainTypeRegistry(classes));
        services.TryAddSingleton<ActorsMetrics>();
        services.TryAddSingleton<ActorRuntime>();
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<ActorRuntime>().GrainFactory);
        services.AddHostedService<ActorSiloHostedService>();
        return services;
    }
}
