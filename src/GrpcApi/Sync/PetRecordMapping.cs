using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using VetActors.Grains.Pets;
using Proto = VetActors.Protos.StaffSync.V1;

namespace VetActors.GrpcApi.Sync;

/// <summary>Maps a pet's whole record to <see cref="Proto.GetPetRecordResponse"/>.</summary>
internal static class PetRecordMapping
{
    public static Proto.GetPetRecordResponse ToProto(this PetRecord record)
    {
        var profile = record.Profile;
        var response = new Proto.GetPetRecordResponse
        {
            Pet = profile.ToProto(),
            OwnerClientId = profile.OwnerClientId,
            OwnerPimsId = record.OwnerPimsId ?? "",
            PimsVersion = profile.PimsVersion ?? 0,
            Deleted = profile.Deleted,
        };
        response.WeightHistory.AddRange(profile.WeightHistory.Select(w => new Proto.PetRecordWeight
        {
            Value = (double)w.Value, Unit = w.Unit, MeasuredOn = Date(w.MeasuredOn),
        }));
        response.NameHistory.AddRange(record.NameHistory.Select(c => new Proto.PetRecordNameChange
        {
            OldName = c.OldName,
            NewName = c.NewName,
            Reason = c.Reason,
            ChangedBy = c.ChangedBy,
            ChangedAt = Timestamp.FromDateTimeOffset(c.ChangedAt),
            FlaggedPrescriptionIds = { c.FlaggedPrescriptionIds },
            Microchip = c.Microchip ?? "",
        }));
        response.Appointments.AddRange(record.Appointments.Select(a => new Proto.PetRecordAppointment
        {
            PimsId = a.PimsId,
            Start = Timestamp.FromDateTimeOffset(a.Start),
            DurationMinutes = a.DurationMinutes,
            Type = a.Type,
            Status = a.Status,
            Provider = a.Provider ?? "",
            StaffFlag = a.StaffFlag ?? "",
        }));
        response.Reminders.AddRange(record.Reminders.Select(r => new Proto.PetRecordReminder
        {
            PimsId = r.PimsId, Service = r.Service, DueDate = Date(r.DueDate), Completed = r.Completed,
        }));
        response.Vaccinations.AddRange(record.Vaccinations.Select(v => new Proto.PetRecordVaccination
        {
            PimsId = v.PimsId, Vaccine = v.Vaccine, Given = Date(v.Given), Expires = v.Expires is { } e ? Date(e) : "",
        }));
        response.Prescriptions.AddRange(record.Prescriptions.Select(p => new Proto.PetRecordPrescription
        {
            PimsId = p.PimsId, Drug = p.Drug, Status = p.Status, RewriteRequired = p.RewriteRequired, WrittenForName = p.WrittenForName ?? "",
        }));
        return response;
    }

    private static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
