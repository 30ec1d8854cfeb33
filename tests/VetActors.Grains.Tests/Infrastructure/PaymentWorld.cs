using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors;
using VetActors.Grains.Audit;
using VetActors.Grains.Clinics;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.Grains.Payments;

namespace VetActors.Grains.Tests.Infrastructure;

/// <summary>
/// The appointment world (clinic 42, vet-1 and vet-2) with clinic 42's payment account: the local card processor
/// charging 2.9% + 30 cents, and staff <c>clerk</c> and <c>manager</c> holding Apply refund while <c>viewer</c> does not.
/// </summary>
public sealed class PaymentWorld : IAsyncDisposable
{
    public const string Clerk = "clerk";
    public const string Manager = "manager";
    public const string Viewer = "viewer";

    private PaymentWorld(AppointmentWorld appointments, StaffPermissionTable staff)
    {
        Appointments = appointments;
        Staff = staff;
    }

    public AppointmentWorld Appointments { get; }

    public StaffPermissionTable Staff { get; }

    public IGrainFactory Grains => Appointments.Grains;

    public IPaymentAccountGrain Account => Grains.GetGrain<IPaymentAccountGrain>(GrainKeys.PaymentAccount(AppointmentWorld.Clinic));

    public static async Task<PaymentWorld> StartAsync(Action<IServiceCollection>? configure = null, DateTimeOffset? clockStart = null)
    {
        var staff = new StaffPermissionTable();
        staff.Set(AppointmentWorld.Clinic, Clerk, StaffPermissions.ApplyRefund);
        staff.Set(AppointmentWorld.Clinic, Manager, StaffPermissions.ApplyRefund | StaffPermissions.Statements | StaffPermissions.BackOffice);
        staff.Set(AppointmentWorld.Clinic, Viewer, StaffPermissions.Statements);
        var appointments = await AppointmentWorld.StartAsync(
            services =>
            {
                services.AddSingleton<IPaymentStaffDirectory>(staff);
                services.AddPayments();
                services.Configure<LocalCardProcessorOptions>(o => (o.FeeBasisPoints, o.FixedFeeMinorUnits) = (290, 30));
                configure?.Invoke(services);
            },
            clockStart);
        return new PaymentWorld(appointments, staff);
    }

    /// <summary>Creates clinic 42 itself (statements follow its time zone).</summary>
    public Task CreateClinicAsync(string timeZone) =>
        Grains.GetGrain<IClinicGrain>(GrainKeys.Clinic(AppointmentWorld.Clinic)).CreateAsync(new NewClinic(
            new ClinicProfile(AppointmentWorld.Clinic, "Clinic 42", "1 Main Street", "+1 555 010 0199", "", "", timeZone, "+1 555 010 0100", PimsKind.Pulse, "P42"),
            "front desk password 1"));

    public static Money Usd(long cents) => new(cents, "USD");

    /// <summary>A collection of <paramref name="cents"/> for invoice <paramref name="invoice"/> under <paramref name="key"/>.</summary>
    public static CollectPayment Invoice(string key, long cents, string invoice = "INV-1") =>
        new(key, Usd(cents), null, invoice, "Dental cleaning", "tok_visa_abc", "4242", AuditActors.Staff(Clerk));

    public static RequestRefund Refund(string key, string paymentId, long cents, string user = Clerk) =>
        new(key, paymentId, Usd(cents), RefundReason.RequestedByClient, null, user);

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync() => await AuditLog.For(Grains, AppointmentWorld.Clinic).ReadAsync(0, 500);

    /// <summary>Asserts the ledger's invariants hold (of clinic 42's account unless another is given).</summary>
    public async Task<LedgerCheck> AssertConsistentAsync(IPaymentAccountGrain? account = null)
    {
        var check = await (account ?? Account).CheckAsync();
        Assert.True(check.IsConsistent, string.Join("\n", check.Problems));
        return check;
    }

    public async ValueTask DisposeAsync() => await Appointments.DisposeAsync();
}
