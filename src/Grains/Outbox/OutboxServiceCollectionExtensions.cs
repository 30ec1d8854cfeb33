using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VetActors.Grains.Outbox.Internal;

namespace VetActors.Grains.Outbox;

/// <summary>Registers the durable outbox and its delivery.</summary>
public static class OutboxServiceCollectionExtensions
{
    /// <summary>
    /// The PostgreSQL outbox (table from migration <c>grains/1</c>) over the registered <c>NpgsqlDataSource</c>, and
    /// its background dispatcher. Bind <see cref="OutboxOptions"/> from configuration beside this call.
    /// </summary>
    public static IServiceCollection AddPostgresOutbox(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<OutboxOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PostgresOutbox>();
        services.TryAddSingleton<IOutbox>(sp => sp.GetRequiredService<PostgresOutbox>());
        services.TryAddSingleton<SmtpTransport>();
        services.TryAddSingleton<PickupFolderTransport>();
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }
}
