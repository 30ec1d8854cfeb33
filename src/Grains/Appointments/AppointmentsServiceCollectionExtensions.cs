using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VetActors.Grains.Practitioners;

namespace VetActors.Grains.Appointments;

/// <summary>Registers what the appointment grains need beyond the runtime.</summary>
public static class AppointmentsServiceCollectionExtensions
{
    /// <summary>
    /// Practitioners are the veterinarians enrolled with <see cref="IPractitionerGrain.EnrollAsync"/> unless another
    /// <see cref="IPractitionerDirectory"/> is registered. The host registers the <see cref="IAppointmentNotifier"/>
    /// and <see cref="Support.ISupportAuditTrail"/> (the notification outbox and the clinic's audit log).
    /// </summary>
    public static IServiceCollection AddAppointments(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IPractitionerDirectory, PractitionerEnrolmentDirectory>();
        return services;
    }
}
