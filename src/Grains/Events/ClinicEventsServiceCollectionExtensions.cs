using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VetActors.Grains.Events.Internal;

namespace VetActors.Grains.Events;

/// <summary>Registers the silo's <see cref="IClinicEventHub"/>.</summary>
public static class ClinicEventsServiceCollectionExtensions
{
    /// <summary>
    /// The in-memory hub, one per silo, with <see cref="ClinicEventOptions"/> checked at start-up. Grains publish only
    /// where a hub is registered: without one nothing could subscribe either.
    /// </summary>
    public static IServiceCollection AddClinicEvents(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ClinicEventOptions>()
            .Validate(o => o.SubscriberCapacity >= 1 && o.MaxSubscribersPerClinic >= 1,
                "ClinicEvents: SubscriberCapacity and MaxSubscribersPerClinic must be at least 1.")
            .ValidateOnStart();
        services.TryAddSingleton<IClinicEventHub, ClinicEventHub>();
        return services;
    }
}
