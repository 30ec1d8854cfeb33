using VetActors.Grains.Appointments;
using VetActors.Grains.Common;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Appointments;

public sealed class ClientAppointmentsTests
{
    [Fact]
    public async Task Book_TwoAppointments_IndexedForTheClientNewestFirst()
    {
        await using var world = await AppointmentWorld.StartAsync();
        await world.BookAsync("VA-AAAAAA");
        await world.BookAsync("VA-BBBBBB", TimeSpan.FromHours(3));

        var references = await Index(world, "client-7").ListAsync();

        Assert.Equal(["VA-BBBBBB", "VA-AAAAAA"], references);
        Assert.Empty(await Index(world, "client-8").ListAsync());
    }

    [Fact]
    public async Task Cancel_Appointment_StaysInTheIndex()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-CCCCCC");

        await grain.CancelAsync("owner away");

        Assert.Equal(["VA-CCCCCC"], await Index(world, "client-7").ListAsync());
    }

    [Fact]
    public async Task Book_Refused_NotIndexed()
    {
        await using var world = await AppointmentWorld.StartAsync();

        await Assert.ThrowsAsync<RuleViolation>(() => world.BookAsync("VA-DDDDDD", vet: "receptionist-1"));

        Assert.Empty(await Index(world, "client-7").ListAsync());
    }

    [Fact]
    public async Task Add_SameReferenceTwice_ListedOnce()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var index = Index(world, "client-9");

        await index.AddAsync("VA-EEEEEE");
        await index.AddAsync("VA-EEEEEE");

        Assert.Equal(["VA-EEEEEE"], await index.ListAsync());
    }

    private static IClientAppointmentsGrain Index(AppointmentWorld world, string clientId) =>
        world.Grains.GetGrain<IClientAppointmentsGrain>(GrainKeys.ClientAppointments(AppointmentWorld.Clinic, clientId));
}
