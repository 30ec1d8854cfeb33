namespace VetActors.Actors.Internal;

/// <summary>
/// Follows "waits for" edges between turns: a queued call waits for the running turn of its activation, and a
/// running turn waits for the call it made (<see cref="Turn.Outstanding"/>). Coming back to the start is a
/// deadlock. The walk reads without locks and gives up on anything it cannot follow (interleaved turns,
/// fan-out), so it reports only cycles it can name, and only after they have stayed put for a scan period.
/// </summary>
internal static class WaitForGraph
{
    private const int MaxDepth = 64;

    internal static DeadlockException? FindCycle(GrainRequest start)
    {
        var path = new List<Turn> { start };
        Turn current = start;
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            Turn? next = current.IsWaitingForAdmission
                ? current.Activation?.SoleRunningTurn
                : current.IsRunning ? current.Outstanding : null;
            if (next is null)
            {
                return null;
            }

            if (ReferenceEquals(next, start))
            {
                var links = path.Select(t => $"{t.Activation.GrainId} {t.Describe()}{(t.IsWaitingForAdmission ? " (queued)" : "")}").ToList();
                links.Add(links[0]);
                return new DeadlockException(
                    $"Deadlock: {string.Join(" -> ", links)}. Each call waits for a non-reentrant activation busy with the next; "
                    + "the first call is failed so the others can finish. Avoid calls in opposite directions between non-reentrant grains, or mark one [Reentrant].",
                    links);
            }

            if (path.Contains(next))
            {
                // A cycle that does not pass through the start: a call in it will report it.
                return null;
            }

            path.Add(next);
            current = next;
        }

        return null;
    }
}
