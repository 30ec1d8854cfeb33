namespace VetActors.GrpcApi.Tests.Portal;

/// <summary>The home tests' server: noon UTC on 1 March 2026.</summary>
public sealed class HomeClockServerFixture() : ManualClockServerFixture(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
