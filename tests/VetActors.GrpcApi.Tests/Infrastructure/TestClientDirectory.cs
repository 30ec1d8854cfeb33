using System.Collections.Concurrent;
using VetActors.Grains.Identity;

namespace VetActors.GrpcApi.Tests.Infrastructure;

/// <summary>Client records for pet-owner sign-in tests, standing where PIMS sync's client directory will.</summary>
public sealed class TestClientDirectory : IClientContactDirectory
{
    private readonly ConcurrentDictionary<(string Clinic, string Contact), ClientContact> _contacts = new();

    public void Add(string clinicId, ClientContact contact)
    {
        if (contact.Email is { } email)
        {
            _contacts[(clinicId, email.ToUpperInvariant())] = contact;
        }

        if (contact.MobilePhone is { } phone)
        {
            _contacts[(clinicId, phone)] = contact;
        }
    }

    public Task<ClientContact?> FindAsync(string clinicId, string emailOrMobile, CancellationToken cancellationToken = default) =>
        Task.FromResult(_contacts.GetValueOrDefault((clinicId, emailOrMobile.Contains('@', StringComparison.Ordinal) ? emailOrMobile.ToUpperInvariant() : emailOrMobile)));
}
