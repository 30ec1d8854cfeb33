namespace VetActors.GrpcApi.Tests.Portal;

/// <summary>The pet tests' server: 02:00 UTC on 1 May 2026, still 30 April in America/Chicago.</summary>
public sealed class PetsClockServerFixture() : ManualClockServerFixture(new DateTimeOffset(2026, 5, 1, 2, 0, 0, TimeSpan.Zero));
