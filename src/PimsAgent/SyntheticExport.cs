using System.Globalization;
using System.Text.Json;

namespace VetActors.PimsAgent;

/// <summary>
/// Writes a synthetic clinic as a PIMS export: N clients, each followed by its pets (2 or 3, 2.5 on average) and
/// for every fourth pet an appointment, a service reminder, a vaccination and a prescription. Deterministic for
/// a given N, so demos and benchmarks compare like with like.
/// </summary>
internal static class SyntheticExport
{
    private static readonly string[] s_first = ["Ann", "Bob", "Carla", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jon", "Kira", "Liam", "Mona", "Nils", "Olga", "Priya"];
    private static readonly string[] s_last = ["Lee", "Smith", "Garcia", "Nguyen", "Brown", "Kowalski", "Okafor", "Rossi", "Schmidt", "Tanaka", "Haddad", "Murphy", "Silva", "Novak", "Cohen", "Singh", "Dubois", "Larsen", "Moreau", "Patel"];
    private static readonly string[] s_pets = ["Rex", "Bella", "Max", "Luna", "Milo", "Coco", "Nala", "Otis", "Pip", "Ziggy"];

    /// <summary>Writes the export; returns how many records it holds.</summary>
    public static long Write(TextWriter writer, int clients, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(writer);
        long count = 0;
        var pet = 0;
        for (var i = 0; i < clients; i++)
        {
            var clientId = $"C{i:D6}";
            var first = s_first[i % s_first.Length];
            var round = i / (s_first.Length * s_last.Length);
            var last = s_last[i / s_first.Length % s_last.Length] + (round > 0 ? $"-{round}" : "");
            Line(writer, new
            {
                kind = "client", id = clientId, version = 1, first_name = first, last_name = last,
                address = new { line1 = $"{i + 1} Main St", city = "Springfield", region = "IL", postal_code = "62701" },
                phones = new[] { $"555{i:D7}" },
                email = $"{first}.{last}.{i}@example.com".ToLowerInvariant(),
            });
            count++;
            for (var p = 0; p < (i % 2 == 0 ? 2 : 3); p++, pet++)
            {
                var petId = $"P{pet:D7}";
                Line(writer, new
                {
                    kind = "patient", id = petId, version = 1, client_id = clientId, name = s_pets[pet % s_pets.Length],
                    species = p % 2 == 0 ? "canine" : "feline", breed = "Mixed", sex = pet % 2 == 0 ? "FS" : "MN",
                    birth_date = Date(today.AddDays(-400 - pet % 3000)), weight = 4 + pet % 30 + 0.5, weight_unit = "kg",
                    weight_date = Date(today.AddDays(-30)), colour = "brown", microchip = $"985{pet:D12}", deceased = false,
                });
                count++;
                if (pet % 4 != 0)
                {
                    continue;
                }

                var start = new DateTimeOffset(today.AddDays(7 + pet % 60), new TimeOnly(9, 0), TimeSpan.Zero);
                Line(writer, new { kind = "appointment", id = $"A{pet:D7}", version = 1, patient_id = petId, start = start.ToString("O", CultureInfo.InvariantCulture), duration_minutes = 30, type = "exam", status = "booked", provider = "Dr. Rivera" });
                Line(writer, new { kind = "service_reminder", id = $"S{pet:D7}", version = 1, patient_id = petId, service = "Rabies booster", due_date = Date(today.AddDays(pet % 200 - 30)), completed = false });
                Line(writer, new { kind = "vaccination", id = $"V{pet:D7}", version = 1, patient_id = petId, vaccine = "Rabies", given = Date(today.AddDays(-200)), expires = Date(today.AddDays(165)) });
                Line(writer, new { kind = "prescription", id = $"R{pet:D7}", version = 1, patient_id = petId, drug = "Carprofen 75 mg", status = "active" });
                count += 4;
            }
        }

        return count;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Line(TextWriter writer, object value) => writer.WriteLine(JsonSerializer.Serialize(value));
}
