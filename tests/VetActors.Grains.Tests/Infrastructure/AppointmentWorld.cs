using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors;
using VetActors.Actors.Testing;
using VetActors.Grains.Appointments;
using VetActors.Grains.Common;
using VetActors.Grains.Practitioners;
using VetActors.Grains.Support;

namespace VetActors.Grains.Tests.Infrastructure;

/// <summary>
/// A test silo with the appointment grains, a manual clock, recording notifier and audit trail, and the
/// veterinarians <c>vet-1</c>, <c>vet-2</c> of clinic 42; plus shortcuts for the usual steps.
/// </summary>
public sealed class AppointmentWorld : IAsyncDisposable
{
    public const string Clinic = "42";

    private AppointmentWorld(TestClusterBuilder builder)
    {
        Builder = builder;
    }

    public TestClusterBuilder Builder { get; }

    public TestCluster Cluster { get; private set; } = null!;

    public RecordingNotifier Notifier { get; } = new();

    public RecordingAuditTrail Audit { get; } = new();

    public ManualTimeProvider Clock => Builder.TimeProvider;

    public DateTimeOffset Now => Clock.GetUtcNow();

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>Builds the world; <paramref name="configure"/> can swap storage (PostgreSQL) before the silo starts.</summary>
    public static async Task<AppointmentWorld> StartAsync(Action<IServiceCollection>? configure = null, DateTimeOffset? clockStart = null)
    {
        var builder = new TestClusterBuilder().AddGrainsFromAssembly(typeof(IAppointmentGrain).Assembly);
        if (clockStart is { } start)
        {
            builder.TimeProvider = new ManualTimeProvider(start);
        }

        var world = new AppointmentWorld(builder);
        world.Builder.ConfigureServices(services =>
        {
            services.AddSingleton<IAppointmentNotifier>(world.Notifier);
            services.AddSingleton<ISupportAuditTrail>(world.Audit);
            services.AddSingleton<IPractitionerDirectory>(new VeterinarianList($"{Clinic}/vet-1", $"{Clinic}/vet-2"));
            configure?.Invoke(services);
        });
        // These tests jump the clock by hours and days; idle collection firing in the middle of such a jump can
        // race an activation that is just starting, which is the runtime's concern and tested there.
        world.Builder.ConfigureOptions(options => options.CollectionAge = TimeSpan.FromDays(60));
        world.Cluster = await world.Builder.BuildAndStartAsync();
        return world;
    }

    public IAppointmentGrain Appointment(string reference) => Grains.GetGrain<IAppointmentGrain>(GrainKeys.Appointment(Clinic, reference));

    public IPractitionerGrain Practitioner(string staffId) => Grains.GetGrain<IPractitionerGrain>(GrainKeys.Child(Clinic, "practitioner", staffId));

    public ISupportDeskGrain SupportDesk => Grains.GetGrain<ISupportDeskGrain>(GrainKeys.Child(Clinic, "support", "desk"));

    /// <summary>Books a 30-minute virtual appointment with <paramref name="vet"/> starting <paramref name="startsIn"/> from now.</summary>
    public async Task<IAppointmentGrain> BookAsync(string reference, TimeSpan? startsIn = null, string vet = "vet-1")
    {
        var grain = Appointment(reference);
        await grain.BookAsync(new BookAppointment("client-7", "pet-3", vet, Now + (startsIn ?? TimeSpan.FromHours(1)), TimeSpan.FromMinutes(30), AppointmentKind.Virtual));
        return grain;
    }

    /// <summary>Books, moves the clock to the start, has both join and ends the call after 20 minutes.</summary>
    public async Task<IAppointmentGrain> HoldCallAsync(string reference, string vet = "vet-1")
    {
        var grain = await BookAsync(reference, vet: vet);
        var start = (await grain.GetAsync()).Start;
        Clock.SetUtcNow(start);
        await grain.JoinAsync(CallParty.Practitioner);
        await grain.JoinAsync(CallParty.Client);
        Clock.Advance(TimeSpan.FromMinutes(20));
        await grain.EndCallAsync();
        return grain;
    }

    public static ClinicalRecord Record() => new("Itchy ears for a week.", "Otitis externa, left ear.", ["Otomax 10 ml"], ["Recheck in 2 weeks"]);

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
