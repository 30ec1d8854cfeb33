using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using VetActors.Grains.Pets;
using VetActors.Protos.Portal.V1;
using ProtoPetPhotoInfo = VetActors.Protos.Portal.V1.PetPhotoInfo;

namespace VetActors.GrpcApi.Portal;

/// <summary>The owner's pets between the grains' records and the portal protos.</summary>
internal static class PortalPetsMapping
{
    public static Pet ToProto(this PetPortalView view)
    {
        var pet = new Pet { PetId = view.PetId, Signalment = ToProto(view.Signalment, view.Age) };
        if (view.Photo is { } photo)
        {
            pet.Photo = photo.ToProto();
        }

        if (view.DataAsOf is { } asOf)
        {
            pet.DataAsOf = Timestamp.FromDateTimeOffset(asOf);
        }

        return pet;
    }

    public static ProtoPetPhotoInfo ToProto(this Grains.Pets.PetPhotoInfo info) => new()
    {
        ContentType = info.ContentType,
        SizeBytes = info.SizeBytes,
        Width = info.Width,
        Height = info.Height,
        UploadedAt = Timestamp.FromDateTimeOffset(info.UploadedAt),
    };

    public static PetReminder ToProto(this DueService due) => new()
    {
        ReminderId = due.PimsId,
        Service = due.Service,
        DueDate = Day(due.DueDate),
        Overdue = due.Overdue,
    };

    private static PetSignalment ToProto(Signalment s, PetAge? age)
    {
        var signalment = new PetSignalment
        {
            Name = s.Name,
            Species = s.Species,
            Breed = s.Breed ?? "",
            Sex = s.Sex ?? "",
            BirthDate = Day(s.BirthDate),
            AgeYears = age?.Years ?? 0,
            AgeMonths = age?.Months ?? 0,
            Colour = s.Colour ?? "",
            Microchip = s.Microchip ?? "",
            Deceased = s.Deceased,
            DeceasedDate = Day(s.DeceasedDate),
        };
        if (s.Weight is { } weight)
        {
            signalment.Weight = (double)weight.Value;
            signalment.WeightUnit = weight.Unit;
            signalment.WeightDate = Day(weight.MeasuredOn);
        }

        return signalment;
    }

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
