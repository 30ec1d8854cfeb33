using System.Collections.Concurrent;
using VetActors.Grains.Consent;

namespace VetActors.GrpcApi.Tests.Infrastructure;

/// <summary>Client mobile numbers for inbound SMS tests, standing where PIMS sync's client records will.</summary>
public sealed class TestClientPhoneDirectory : IClientPhoneDirectory
{
    private readonly ConcurrentDictionary<(string Clinic, string Digits), ConcurrentQueue<string>> _clients = new();

    public void Add(string clinicId, string phone, string clientId) =>
        _clients.GetOrAdd((clinicId, Digits(phone)), _ => new()).Enqueue(clientId);

    public Task<IReadOnlyList<string>> FindClientIdsAsync(string clinicId, string phone, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>(_clients.TryGetValue((clinicId, Digits(phone)), out var ids) ? [.. ids] : []);

    private static string Digits(string phone) => new(phone.Where(char.IsAsciiDigit).ToArray());
}
