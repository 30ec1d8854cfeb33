using VetActors.Actors.Testing;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.Grains.Identity.Internal;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Identity;

public sealed class SessionGrainTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await IdentityCluster.StartAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task Validate_RightSecret_ReturnsTheSessionUntilItExpires()
    {
        var expires = _cluster.TimeProvider.GetUtcNow().AddHours(1);
        var session = Session("s1");
        await session.OpenAsync(new SessionGrant(Secrets.Hash("secret-value-0123456789"), SessionKind.PortalClient, "client-9", null, expires));

        var live = await session.ValidateAsync("secret-value-0123456789");
        var wrong = await session.ValidateAsync("secret-value-0123456780");
        _cluster.TimeProvider.SetUtcNow(expires);
        var expired = await session.ValidateAsync("secret-value-0123456789");

        Assert.Equal(new SessionInfo("clinic-1", "s1", SessionKind.PortalClient, "client-9", null, expires), live);
        Assert.Null(wrong);
        Assert.Null(expired);
    }

    [Fact]
    public async Task End_RefusesTheSessionForGood_AndSurvivesRestart()
    {
        var session = Session("s1");
        await session.OpenAsync(new SessionGrant(Secrets.Hash("secret-value-0123456789"), SessionKind.Practice, "", null, DateTimeOffset.MaxValue));

        await session.EndAsync();
        await _cluster.RestartAsync();

        Assert.Null(await Session("s1").ValidateAsync("secret-value-0123456789"));
    }

    [Fact]
    public async Task UserSession_EndsWithItsPracticeSession()
    {
        await Session("p1").OpenAsync(new SessionGrant(Secrets.Hash("practice-secret-012345"), SessionKind.Practice, "", null, DateTimeOffset.MaxValue));
        await Session("u1").OpenAsync(new SessionGrant(Secrets.Hash("user-secret-0123456789"), SessionKind.StaffUser, "u1", "p1", DateTimeOffset.MaxValue));
        Assert.NotNull(await Session("u1").ValidateAsync("user-secret-0123456789"));

        await Session("p1").EndAsync();

        Assert.Null(await Session("u1").ValidateAsync("user-secret-0123456789"));
    }

    [Fact]
    public async Task Open_SameIdTwice_IsAlreadyExists()
    {
        var grant = new SessionGrant(Secrets.Hash("secret-value-0123456789"), SessionKind.Practice, "", null, DateTimeOffset.MaxValue);
        await Session("s1").OpenAsync(grant);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => Session("s1").OpenAsync(grant));
    }

    private ISessionGrain Session(string id) => _cluster.GrainFactory.GetGrain<ISessionGrain>(IdentityKeys.Session("clinic-1", id));
}
