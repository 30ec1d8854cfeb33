using System.Collections.Immutable;

namespace VetActors.Grains.Sync.Internal;

/// <summary>
/// The sync grain's side of the clinic's client index, its single writer: exact lookups for merges (normalized
/// email; normalized phone + last name) and, per search token, the clients holding it in name order. Changes go
/// into builders of immutable collections; <see cref="Publish"/> freezes them into a
/// <see cref="ClientIndexSnapshot"/>, sharing every node the change did not touch, so a batch of 1,000 records
/// costs its own changes, not a copy of 10,000 clients. Rebuilt from the stored entries on activation.
/// </summary>
internal sealed class ClientDirectory
{
    private readonly ImmutableDictionary<string, IndexedClient>.Builder _clients = ImmutableDictionary.CreateBuilder<string, IndexedClient>(StringComparer.Ordinal);
    private readonly ImmutableSortedSet<IndexedClient>.Builder _ordered = ImmutableSortedSet.CreateBuilder(IndexedClient.Order);
    private readonly ImmutableDictionary<string, ImmutableSortedSet<string>>.Builder _byEmail = IdsBuilder();
    private readonly ImmutableDictionary<string, ImmutableSortedSet<string>>.Builder _byPhoneAndLastName = IdsBuilder();
    private readonly ImmutableDictionary<string, ImmutableSortedSet<string>>.Builder _byPhone = IdsBuilder();
    private readonly ImmutableSortedSet<string>.Builder _tokens = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
    private readonly ImmutableDictionary<string, ImmutableSortedSet<IndexedClient>>.Builder _postings =
        ImmutableDictionary.CreateBuilder<string, ImmutableSortedSet<IndexedClient>>(StringComparer.Ordinal);

    // Postings changed since the last publish, each open as a builder: a batch touching one name's postings
    // 300 times copies its path once, not 300 times.
    private readonly Dictionary<string, ImmutableSortedSet<IndexedClient>.Builder> _changedPostings = new(StringComparer.Ordinal);
    private bool _changed;

    /// <summary>The index as of the last <see cref="Publish"/>.</summary>
    public ClientIndexSnapshot Published { get; private set; } = ClientIndexSnapshot.Empty;

    /// <summary>The client as changed so far, published or not.</summary>
    public ClientIndexEntry? Get(string clientId) => _clients.GetValueOrDefault(clientId)?.Entry;

    public void Upsert(ClientIndexEntry entry)
    {
        Remove(entry.ClientId);
        if (entry.Deleted)
        {
            return;
        }

        var client = new IndexedClient(entry);
        _clients[entry.ClientId] = client;
        _ordered.Add(client);
        foreach (var key in client.MatchKeys())
        {
            AddId(key.Email ? _byEmail : _byPhoneAndLastName, key.Value, entry.ClientId);
        }

        foreach (var phone in client.Phones)
        {
            AddId(_byPhone, phone, entry.ClientId);
        }

        foreach (var token in client.Tokens)
        {
            Posting(token).Add(client);
        }

        _changed = true;
    }

    public void Remove(string clientId)
    {
        if (!_clients.TryGetValue(clientId, out var old))
        {
            return;
        }

        _clients.Remove(clientId);
        _ordered.Remove(old);
        foreach (var key in old.MatchKeys())
        {
            RemoveId(key.Email ? _byEmail : _byPhoneAndLastName, key.Value, clientId);
        }

        foreach (var phone in old.Phones)
        {
            RemoveId(_byPhone, phone, clientId);
        }

        foreach (var token in old.Tokens)
        {
            Posting(token).Remove(old);
        }

        _changed = true;
    }

    /// <summary>Existing clients a PIMS client matches, with the keys each matched on.</summary>
    public Dictionary<string, List<string>> FindMatches(PimsClientData client)
    {
        var matches = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (Normalize.Email(client.Email) is { } email && _byEmail.TryGetValue(email, out var byEmail))
        {
            foreach (var id in byEmail)
            {
                Add(matches, id, "email");
            }
        }

        var last = Normalize.Name(client.LastName);
        foreach (var phone in client.Phones)
        {
            if (last.Length > 0 && Normalize.Phone(phone) is { } digits && _byPhoneAndLastName.TryGetValue(digits + "|" + last, out var byPhone))
            {
                foreach (var id in byPhone)
                {
                    Add(matches, id, "phone+last_name");
                }
            }
        }

        return matches;
    }

    /// <summary>
    /// Freezes the changes made since the last call into a new snapshot (the same one when nothing changed). Costs
    /// the nodes the changes touched: the builders hand out their trees and copy a node only when changed again.
    /// </summary>
    public ClientIndexSnapshot Publish()
    {
        if (!_changed)
        {
            return Published;
        }

        foreach (var (token, posting) in _changedPostings)
        {
            if (posting.Count == 0)
            {
                _postings.Remove(token);
                _tokens.Remove(token);
            }
            else
            {
                _postings[token] = posting.ToImmutable();
                _tokens.Add(token);
            }
        }

        _changedPostings.Clear();
        _changed = false;
        Published = new ClientIndexSnapshot(
            _clients.ToImmutable(), _ordered.ToImmutable(), _byEmail.ToImmutable(), _byPhone.ToImmutable(), _tokens.ToImmutable(), _postings.ToImmutable());
        return Published;
    }

    private ImmutableSortedSet<IndexedClient>.Builder Posting(string token)
    {
        if (!_changedPostings.TryGetValue(token, out var posting))
        {
            posting = _postings.TryGetValue(token, out var current)
                ? current.ToBuilder()
                : ImmutableSortedSet.CreateBuilder(IndexedClient.Order);
            _changedPostings[token] = posting;
        }

        return posting;
    }

    private static ImmutableDictionary<string, ImmutableSortedSet<string>>.Builder IdsBuilder() =>
        ImmutableDictionary.CreateBuilder<string, ImmutableSortedSet<string>>(StringComparer.Ordinal);

    private static void AddId(ImmutableDictionary<string, ImmutableSortedSet<string>>.Builder map, string key, string clientId) =>
        map[key] = map.TryGetValue(key, out var ids) ? ids.Add(clientId) : ImmutableSortedSet.Create(StringComparer.Ordinal, clientId);

    private static void RemoveId(ImmutableDictionary<string, ImmutableSortedSet<string>>.Builder map, string key, string clientId)
    {
        if (!map.TryGetValue(key, out var ids))
        {
            return;
        }

        ids = ids.Remove(clientId);
        if (ids.IsEmpty)
        {
            map.Remove(key);
        }
        else
        {
            map[key] = ids;
        }
    }

    private static void Add(Dictionary<string, List<string>> matches, string id, string key)
    {
        if (!matches.TryGetValue(id, out var keys))
        {
            matches[id] = keys = [];
        }

        if (!keys.Contains(key))
        {
            keys.Add(key);
        }
    }
}
