using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VetActors.Actors;
using VetActors.Grains.Appointments;
using VetActors.Grains.Consent;
using VetActors.Grains.Events;
using VetActors.Grains.Identity;
using VetActors.Grains.Migrations;
using VetActors.Grains.Outbox;
using VetActors.Grains.Payments;
using VetActors.Grains.Sync;
using VetActors.Grains.Sync.Internal;

namespace VetActors.Grains.Hosting;

/// <summary>Registers the actor runtime with the domain's grains and the services they use.</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// The actor runtime hosting every grain of VetActors.Grains (options from section <c>Actors</c>), identity
    /// settings (<c>Identity</c>) and the PostgreSQL outbox with its delivery (<c>Outbox</c>). Call after the
    /// PostgreSQL storage is registered, so the runtime uses it; the domain's migrations are scope
    /// <see cref="GrainsSchema.Scope"/> of this assembly.
    /// </summary>
    public static IServiceCollection AddVetActorsGrains(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ActorRuntimeOptions>().Bind(configuration.GetSection(ActorRuntimeOptions.SectionName));
        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.SectionName))
            .Validate(o => o.MinimumPasswordLength >= 12 && o.PasswordHashIterations >= 1_000 && o.LockoutThreshold >= 1,
                "Identity: MinimumPasswordLength must be at least 12, PasswordHashIterations at least 1000, LockoutThreshold at least 1.")
            .ValidateOnStart();
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.PickupDirectory) && o.MaxAttempts >= 1 && o.BatchSize >= 1,
                "Outbox: PickupDirectory is required; MaxAttempts and BatchSize must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<PimsSyncOptions>().Bind(configuration.GetSection(PimsSyncOptions.SectionName))
            .Validate(o => o.StaleAfter > TimeSpan.Zero && o.MaxUnacknowledgedBatches >= 1 && o.MaxRecordsPerBatch >= 1,
                "PimsSync: StaleAfter must be positive; MaxUnacknowledgedBatches and MaxRecordsPerBatch at least 1.")
            .ValidateOnStart();
        services.AddOptions<ClinicEventOptions>().Bind(configuration.GetSection(ClinicEventOptions.SectionName));
        services.AddClinicEvents();
        services.TryAddSingleton<IClinicNotifier, OutboxClinicNotifier>();
        services.TryAddSingleton<PimsClientDirectory>();
        services.TryAddSingleton<IClientContactDirectory>(sp => sp.GetRequiredService<PimsClientDirectory>());
        services.TryAddSingleton<IClientPhoneDirectory>(sp => sp.GetRequiredService<PimsClientDirectory>());
        services.AddClientSearch();
        services.AddPostgresOutbox();
        services.AddAppointments();
        services.AddOptions<LocalCardProcessorOptions>().Bind(configuration.GetSection(LocalCardProcessorOptions.SectionName))
            .Validate(o => o.FeeBasisPoints is >= 0 and <= PayoutRules.WholeFee && o.FixedFeeMinorUnits >= 0, "Payments:LocalProcessor: FeeBasisPoints must be 0-10000 and FixedFeeMinorUnits not negative.")
            .ValidateOnStart();
        services.AddPayments();
        services.AddVetActors(actors => actors.AddGrainsFromAssembly(typeof(GrainsSchema).Assembly));
        return services;
    }

    /// <summary>
    /// Staff client search answered from the clinic sync grains' published indexes (<see cref="IClientSearch"/>).
    /// Part of <see cref="AddVetActorsGrains"/>; for hosts that compose the grains themselves.
    /// </summary>
    public static IServiceCollection AddClientSearch(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ClientIndexRegistry>();
        services.TryAddSingleton<IClientSearch, SnapshotClientSearch>();
        return services;
    }
}
