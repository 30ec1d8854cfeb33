using System.Collections.Concurrent;
using VetActors.Grains.Support;

namespace VetActors.Grains.Tests.Infrastructure;

/// <summary>Keeps every audit entry, across silo restarts.</summary>
public sealed class RecordingAuditTrail : ISupportAuditTrail
{
    private readonly ConcurrentQueue<SupportAuditEntry> _entries = new();

    public IReadOnlyList<SupportAuditEntry> Entries => [.. _entries];

    public Task RecordAsync(SupportAuditEntry entry, CancellationToken cancellationToken)
    {
        _entries.Enqueue(entry);
        return Task.CompletedTask;
    }
}
