using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace VetActors.Actors;

/// <summary>Configures the actor runtime inside <see cref="ActorsServiceCollectionExtensions.AddVetActors"/>.</summary>
public sealed class ActorsBuilder
{
    internal ActorsBuilder(IServiceCollection services)
    {
        Services = services;
    }

    public IServiceCollection Services { get; }

    internal List<Assembly> GrainAssemblies { get; } = [];

    internal List<Type> GrainClasses { get; } = [];

    /// <summary>Registers every grain class of <paramref name="assembly"/>.</summary>
    public ActorsBuilder AddGrainsFromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        GrainAssemblies.Add(assembly);
        return this;
    }

    /// <summary>Registers one grain class.</summary>
    public ActorsBuilder AddGrain<TGrain>()
        where TGrain : Grain
    {
        GrainClasses.Add(typeof(TGrain));
        return this;
    }

    /// <summary>Binds <see cref="ActorRuntimeOptions"/> from a configuration section (default <c>Actors</c>).</summary>
    public ActorsBuilder BindConfiguration(string sectionPath = ActorRuntimeOptions.SectionName)
    {
        Services.AddOptions<ActorRuntimeOptions>().BindConfiguration(sectionPath);
        return this;
    }

    /// <summary>Adjusts <see cref="ActorRuntimeOptions"/> (after configuration binding, when the host binds it).</summary>
    public ActorsBuilder Configure(Action<ActorRuntimeOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }
}
