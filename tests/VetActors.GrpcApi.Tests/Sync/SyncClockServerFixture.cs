using VetActors.GrpcApi.Tests.Portal;

namespace VetActors.GrpcApi.Tests.Sync;

/// <summary>The PIMS sync end-to-end tests' server: 15:00 UTC on 1 June 2026, 10:00 the same day in America/Chicago.</summary>
public sealed class SyncClockServerFixture() : ManualClockServerFixture(new DateTimeOffset(2026, 6, 1, 15, 0, 0, TimeSpan.Zero));
