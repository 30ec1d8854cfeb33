namespace VetActors.Grains.Sync;

/// <summary>What the sync holds back until its owner arrives, as staff inspect it.</summary>
internal sealed partial class PimsSyncGrain
{
    public Task<IReadOnlyList<HeldRecord>> GetHeldAsync() =>
        Task.FromResult<IReadOnlyList<HeldRecord>>(
            State.Pending.Select(p => new HeldRecord(p.Sequence, p.Record.Kind, p.Record.Id, p.WaitingFor, WhyHeld(p.WaitingFor), p.Record.Raw)).ToArray());

    private string WhyHeld(string waitingFor)
    {
        if (waitingFor.StartsWith("client:", StringComparison.Ordinal))
        {
            var pimsClientId = waitingFor[7..];
            var review = State.Review.Values.FirstOrDefault(r => r.Status == ReviewStatus.Open && r.Kind == ReviewKind.AmbiguousMatch && r.PimsId == pimsClientId);
            return review is null
                ? $"its client {pimsClientId} has not arrived yet"
                : $"its client {pimsClientId} matched several existing clients and waits for staff (review {review.Id})";
        }

        var pimsPatientId = waitingFor[8..];
        return State.Pending.Any(p => p.Record.Kind == PimsRecordKind.Patient && p.Record.Id == pimsPatientId)
            ? $"its patient {pimsPatientId} is itself held"
            : $"its patient {pimsPatientId} has not arrived yet";
    }
}
