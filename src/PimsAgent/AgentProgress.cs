using VetActors.Protos.Pims.V1;

namespace VetActors.PimsAgent;

/// <summary>Where an import stands after an ack (or a reconnection, with <see cref="LastAck"/> null).</summary>
internal sealed record AgentProgress(long AcknowledgedBatches, long TotalBatches, long Applied, long Held, long Rejected, int Reconnects, Ack? LastAck);
