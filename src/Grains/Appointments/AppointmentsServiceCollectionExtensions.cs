using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VetActors.Grains.Appointments.Internal;
using VetActors.Grains.Practitioners;
using VetActors.Grains.Support;
using VetActors.Grains.Support.Internal;

namespace VetActors.Grains.Appointments;

/// <summary>Registers what the appointment grains need beyond the runtime.</summary>
public static class AppointmentsServiceCollectionExtensions
{
    /// <summary>
    /// Practitioners are the veterinarians enrolled with <see cref="IPractitionerGrain.EnrollAsync"/> unless another
    /// <see cref="IPractitionerDirectory"/> is registered; likewise notifications go to the outbox (<see cref="Outbox.IOutbox"/>,
    /// registered by the host) and support actions to the clinic's audit log unless replaced.
    /// </summary>
    public static IServiceCollection AddAppointments(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IPractitionerDirectory, PractitionerEnrolmentDirectory>();
        services.TryAddSingleton<IAppointmentNotifier, OutboxAppointmentNotifier>();
        services.TryAddSingleton<ISupportAuditTrail, AuditLogSupportTrail>();
        return services;
    }
}
