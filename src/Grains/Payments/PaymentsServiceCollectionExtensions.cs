using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VetActors.Grains.Payments.Internal;

namespace VetActors.Grains.Payments;

/// <summary>Registers what the payment ledger needs beyond the runtime.</summary>
public static class PaymentsServiceCollectionExtensions
{
    /// <summary>
    /// The local card processor (<see cref="LocalCardProcessorOptions"/>) unless another <see cref="ICardProcessor"/>
    /// is registered, and staff permissions from the clinic's roster unless another directory is.
    /// </summary>
    public static IServiceCollection AddPayments(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<LocalCardProcessorOptions>();
        services.TryAddSingleton<ICardProcessor, LocalCardProcessor>();
        services.TryAddSingleton<IPaymentStaffDirectory, RosterPaymentStaffDirectory>();
        return services;
    }
}
