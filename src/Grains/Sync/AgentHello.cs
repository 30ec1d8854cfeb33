using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>
/// What an agent says when it connects: who it is, which PIMS it reads, the last sequence it saw acknowledged,
/// and whether it is starting a full import (with the number of records it expects to send, for the estimate).
/// </summary>
[Immutable]
public sealed record AgentHello(string AgentId, string PimsKind, string PimsVersion, long LastAcknowledgedSequence, bool FullImport, long? TotalRecords);
