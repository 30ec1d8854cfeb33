using VetActors.Grains.Clients;
using VetActors.Grains.Sync;

namespace VetActors.Sync.Bench;

/// <summary>
/// A deterministic synthetic clinic: N clients, each followed by its pets (2 or 3, averaging 2.5), with names,
/// emails and phone numbers varied enough that searches return realistic result sets.
/// </summary>
internal static class SyntheticClinic
{
    private static readonly string[] s_first = ["Ann", "Bob", "Carla", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jon", "Kira", "Liam", "Mona", "Nils", "Olga", "Priya"];
    private static readonly string[] s_last = ["Lee", "Smith", "Garcia", "Nguyen", "Brown", "Kowalski", "Okafor", "Rossi", "Schmidt", "Tanaka", "Haddad", "Murphy", "Silva", "Novak", "Cohen", "Singh", "Dubois", "Larsen", "Moreau", "Patel"];
    private static readonly string[] s_pets = ["Rex", "Bella", "Max", "Luna", "Milo", "Coco", "Nala", "Otis", "Pip", "Ziggy"];

    public static IEnumerable<PimsRecord> Generate(int clients)
    {
        var petNumber = 0;
        for (var i = 0; i < clients; i++)
        {
            var id = $"C{i:D6}";
            var first = s_first[i % s_first.Length];
            var last = s_last[i / s_first.Length % s_last.Length] + (i / (s_first.Length * s_last.Length) is var n and > 0 ? $"-{n}" : "");
            yield return new PimsRecord(PimsRecordKind.Client, id, 1)
            {
                Client = new PimsClientData(first, last, new PostalAddress($"{i + 1} Main St", null, "Springfield", "IL", "62701"),
                    [$"555{i:D7}"], $"{first}.{last}.{i}@example.com".ToLowerInvariant()),
            };
            var pets = i % 2 == 0 ? 2 : 3;
            for (var p = 0; p < pets; p++)
            {
                var petId = $"P{petNumber++:D7}";
                yield return new PimsRecord(PimsRecordKind.Patient, petId, 1)
                {
                    Patient = new PimsPatientData(id, s_pets[petNumber % s_pets.Length], p % 2 == 0 ? "canine" : "feline", "Mixed", "F",
                        new DateOnly(2015 + petNumber % 10, 1 + petNumber % 12, 1), 4 + petNumber % 30, "kg", new DateOnly(2025, 6, 1), "brown", null, false, null),
                };
            }
        }
    }
}
