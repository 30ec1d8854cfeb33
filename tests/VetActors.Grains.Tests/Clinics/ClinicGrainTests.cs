using VetActors.Actors.Testing;
using VetActors.Grains.Audit;
using VetActors.Grains.Clinics;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Clinics;

public sealed class ClinicGrainTests : IAsyncLifetime
{
    private const string Password = "front desk password 1";
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await IdentityCluster.StartAsync();
        await Clinic("clinic-1").CreateAsync(new NewClinic(Profile("clinic-1", "PRAC-1"), Password));
    }

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task Create_RegistersThePracticeIdInTheDirectory()
    {
        var directory = _cluster.GrainFactory.GetGrain<IClinicDirectoryGrain>(IClinicDirectoryGrain.Key);

        Assert.Equal("clinic-1", await directory.FindByPracticeIdAsync("prac-1"));
        Assert.Null(await directory.FindByPracticeIdAsync("PRAC-2"));
    }

    [Fact]
    public async Task GetProfile_OfUncreatedClinic_IsNotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => Clinic("clinic-9").GetProfileAsync());
    }

    [Fact]
    public async Task OpenPracticeSession_RightPassword_GivesASessionTokenOfThisClinic()
    {
        var session = await Clinic("clinic-1").OpenPracticeSessionAsync(Password);

        Assert.True(BearerToken.TryParse(session.Token, BearerToken.SessionKind, out var clinicId, out var id, out var secret));
        Assert.Equal("clinic-1", clinicId);
        var info = await _cluster.GrainFactory.GetGrain<ISessionGrain>(IdentityKeys.Session(clinicId, id)).ValidateAsync(secret);
        Assert.Equal(SessionKind.Practice, info!.Kind);
        Assert.Equal(_cluster.TimeProvider.GetUtcNow().AddHours(12), info.ExpiresAt);
    }

    [Fact]
    public async Task OpenPracticeSession_LockoutAfterFiveFailures_LiftsAfterFifteenMinutes()
    {
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<AuthenticationFailedException>(() => Clinic("clinic-1").OpenPracticeSessionAsync("wrong password " + i));
        }

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => Clinic("clinic-1").OpenPracticeSessionAsync(Password));
        _cluster.TimeProvider.Advance(TimeSpan.FromMinutes(15));
        await Clinic("clinic-1").OpenPracticeSessionAsync(Password);

        var log = await AuditLog.For(_cluster.GrainFactory, "clinic-1").ReadAsync(0, 100);
        Assert.Single(log, e => e.Action == "practice.locked_out");
    }

    [Fact]
    public async Task AgentKey_ValidatesUntilRevoked_RotationKeepsTheAgent()
    {
        var issued = await Clinic("clinic-1").IssueAgentKeyAsync("server room");
        Assert.True(BearerToken.TryParse(issued.Token, BearerToken.AgentKeyKind, out _, out var keyId, out var secret));

        var agent = await Clinic("clinic-1").ValidateAgentKeyAsync(keyId, secret);
        var rotated = await Clinic("clinic-1").RotateAgentKeyAsync(keyId);
        Assert.True(BearerToken.TryParse(rotated.Token, BearerToken.AgentKeyKind, out _, out var newKeyId, out var newSecret));

        Assert.Equal("agent-1", agent);
        Assert.Null(await Clinic("clinic-1").ValidateAgentKeyAsync(keyId, secret));
        Assert.Equal("agent-1", await Clinic("clinic-1").ValidateAgentKeyAsync(newKeyId, newSecret));
        Assert.Null(await Clinic("clinic-2").ValidateAgentKeyAsync(newKeyId, newSecret));
    }

    [Fact]
    public async Task Create_PracticeIdTakenByAnotherClinic_IsAlreadyExists()
    {
        await Assert.ThrowsAsync<AlreadyExistsException>(() => Clinic("clinic-2").CreateAsync(new NewClinic(Profile("clinic-2", "prac-1"), Password)));
        await Assert.ThrowsAsync<NotFoundException>(() => Clinic("clinic-2").GetProfileAsync());
    }

    private IClinicGrain Clinic(string id) => _cluster.GrainFactory.GetGrain<IClinicGrain>(GrainKeys.Clinic(id));

    private static ClinicProfile Profile(string id, string practiceId) => new(
        id, "Riverside", "1 River Road", "+1 555 010 0199", "https://riverside.example", "Mon-Fri", "Europe/London", "+44 20 7946 0000",
        PimsKind.EzyVet, practiceId);
}
