using Grpc.Core;
using VetActors.Protos.Pims.V1;
using VetActors.Protos.StaffSync.V1;
using Record = VetActors.Protos.Pims.V1.Record;

namespace VetActors.PimsAgent.Tests.EndToEnd;

/// <summary>
/// Compares what staff read over gRPC (GetClientProfile, GetPetRecord, SearchClients) with an export: every record of
/// every kind, every field the export carries, each exactly once.
/// </summary>
internal static class ExportComparison
{
    public static async Task AssertStateEqualsExportAsync(StaffSync.StaffSyncClient staff, Metadata headers, IReadOnlyList<Record> records)
    {
        Assert.DoesNotContain(records, r => r.PayloadCase is Record.PayloadOneofCase.None or Record.PayloadOneofCase.Deletion);
        Assert.Equal(records.Count, records.Select(r => (r.PayloadCase, r.Id)).Distinct().Count());
        var patients = records.Where(r => r.Patient is not null).ToLookup(r => r.Patient.ClientId);
        var clients = records.Where(r => r.Client is not null).ToList();
        foreach (var client in clients)
        {
            var profile = await staff.GetClientProfileAsync(new GetClientProfileRequest { ClientId = "p-" + client.Id }, headers);
            var c = client.Client;
            Assert.Equal(
                ("p-" + client.Id, client.Id, c.FirstName, c.LastName, c.Email, "pims"),
                (profile.Client.ClientId, profile.Client.PimsId, profile.Client.FirstName, profile.Client.LastName, profile.Client.Email, profile.Source));
            Assert.Equal(c.Phones, profile.Client.Phones);
            Assert.Equal(c.Address ?? new Address(), profile.Address ?? new Address());
            Assert.NotNull(profile.DataAsOf);
            Assert.Equal("", profile.MergedFromPimsId);

            // Each pet once: the profile lists exactly the export's patients of this client.
            Assert.Equal(
                patients[client.Id].Select(p => "p-" + p.Id).Order(StringComparer.Ordinal),
                profile.Pets.Select(p => p.PetId).Order(StringComparer.Ordinal));
            var found = await staff.SearchClientsAsync(new SearchClientsRequest { Query = c.Email }, headers);
            Assert.Equal("p-" + client.Id, Assert.Single(found.Clients).ClientId);
        }

        Assert.DoesNotContain(records, r => r.Patient is not null && clients.All(c => c.Id != r.Patient.ClientId));
        foreach (var patient in records.Where(r => r.Patient is not null))
        {
            var record = await staff.GetPetRecordAsync(new GetPetRecordRequest { PetId = "p-" + patient.Id }, headers);
            AssertPatient(patient, record);
            AssertItems(patient.Id, records, record);
        }
    }

    private static void AssertPatient(Record sent, GetPetRecordResponse record)
    {
        var p = sent.Patient;
        var pet = record.Pet;
        Assert.Equal(
            ("p-" + sent.Id, sent.Id, p.Name, p.Species, p.Breed, p.Sex, p.BirthDate, p.Colour, p.Microchip, p.Deceased, p.DeceasedDate),
            (pet.PetId, pet.PimsId, pet.Name, pet.Species, pet.Breed, pet.Sex, pet.BirthDate, pet.Colour, pet.Microchip, pet.Deceased, pet.DeceasedDate));
        Assert.Equal(
            ("p-" + p.ClientId, p.ClientId, sent.Version, false),
            (record.OwnerClientId, record.OwnerPimsId, record.PimsVersion, record.Deleted));
        Assert.NotNull(pet.DataAsOf);
        Assert.Empty(record.NameHistory);
        if (p.HasWeight)
        {
            Assert.Equal((p.Weight, p.WeightUnit, p.WeightDate), (pet.Weight, pet.WeightUnit, pet.WeightDate));
            Assert.Equal([(p.Weight, p.WeightUnit, p.WeightDate)], record.WeightHistory.Select(w => (w.Value, w.Unit, w.MeasuredOn)));
        }
        else
        {
            Assert.False(pet.HasWeight);
            Assert.Empty(record.WeightHistory);
        }
    }

    private static void AssertItems(string patientId, IReadOnlyList<Record> records, GetPetRecordResponse record)
    {
        Assert.Equal(
            Sorted(records.Where(r => r.Appointment?.PatientId == patientId)
                .Select(r => (r.Id, r.Appointment.Start, r.Appointment.DurationMinutes, r.Appointment.Type, r.Appointment.Status, r.Appointment.Provider, ""))),
            Sorted(record.Appointments.Select(a => (a.PimsId, a.Start, a.DurationMinutes, a.Type, a.Status, a.Provider, a.StaffFlag))));
        Assert.Equal(
            Sorted(records.Where(r => r.ServiceReminder?.PatientId == patientId)
                .Select(r => (r.Id, r.ServiceReminder.Service, r.ServiceReminder.DueDate, r.ServiceReminder.Completed))),
            Sorted(record.Reminders.Select(s => (s.PimsId, s.Service, s.DueDate, s.Completed))));
        Assert.Equal(
            Sorted(records.Where(r => r.Vaccination?.PatientId == patientId).Select(r => (r.Id, r.Vaccination.Vaccine, r.Vaccination.Given, r.Vaccination.Expires))),
            Sorted(record.Vaccinations.Select(v => (v.PimsId, v.Vaccine, v.Given, v.Expires))));
        Assert.Equal(
            Sorted(records.Where(r => r.Prescription?.PatientId == patientId).Select(r => (r.Id, r.Prescription.Drug, r.Prescription.Status, false))),
            Sorted(record.Prescriptions.Select(x => (x.PimsId, x.Drug, x.Status, x.RewriteRequired))));
    }

    // Each list ordered by the record's PIMS id (the first item of every tuple).
    private static List<T> Sorted<T>(IEnumerable<T> items)
        where T : System.Runtime.CompilerServices.ITuple =>
        [.. items.OrderBy(t => (string)t[0]!, StringComparer.Ordinal)];
}
