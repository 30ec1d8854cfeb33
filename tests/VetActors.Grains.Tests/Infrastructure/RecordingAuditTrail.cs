using System.Collections.Concurrent;
using VetActors.Grains.Support;

namespace VetActors.Grains.Tests.Infrastructure;

/// <summary>Keeps every audit entry, across silo restarts.</summary>
public sealed class RecordingAuditTrail : IAuditTrail
{
    private readonly ConcurrentQueue<AuditEntry> _entries = new();

    public IReadOnlyList<AuditEntry> Entries => [.. _entries];

    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        _entries.Enqueue(entry);
        return Task.CompletedTask;
    }
}
