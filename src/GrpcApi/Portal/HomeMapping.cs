using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using VetActors.Grains.Clients;
using VetActors.Grains.Common;
using VetActors.Grains.Conversations;
using VetActors.Grains.Pets;
using VetActors.Protos.Portal.V1;
using Domain = VetActors.Grains.Clinics;
using PetAppointment = VetActors.Grains.Pets.PetAppointment;

namespace VetActors.GrpcApi.Portal;

/// <summary>The portal home, appointments and clinic settings between the grains' records and the portal protos.</summary>
internal static class HomeMapping
{
    private static readonly (Domain.WebsiteWidget Widget, WebsiteWidget Proto)[] WidgetTable =
    [
        (Domain.WebsiteWidget.OnlineBooking, WebsiteWidget.OnlineBooking),
        (Domain.WebsiteWidget.Pharmacy, WebsiteWidget.Pharmacy),
        (Domain.WebsiteWidget.Payments, WebsiteWidget.Payments),
        (Domain.WebsiteWidget.Reviews, WebsiteWidget.Reviews),
        (Domain.WebsiteWidget.Chat, WebsiteWidget.Chat),
    ];

    public static GetHomeResponse ToProto(this PortalHome home)
    {
        var profile = home.Clinic.Profile;
        var response = new GetHomeResponse
        {
            Clinic = new HomeClinic
            {
                Name = profile.Name,
                Address = profile.Address,
                Phone = profile.Phone,
                Hours = profile.Hours,
                Website = profile.Website,
                TimeZone = profile.TimeZone,
            },
            Widgets = { home.Clinic.Settings.Widgets.Select(ToProto) },
            ServicesDueShown = home.Clinic.ServicesDueShown,
        };
        var pets = home.Pets.ToArray();
        Array.Sort(pets, static (x, y) =>
            StringComparer.CurrentCultureIgnoreCase.Compare(x.Signalment.Name, y.Signalment.Name) is var byName and not 0 ? byName : string.CompareOrdinal(x.PetId, y.PetId));
        var upcoming = new List<(DateTimeOffset Start, int Order, PortalAppointment Appointment)>();
        var due = new List<(DateOnly Due, int Order, ServiceDue Service)>();
        foreach (var pet in pets)
        {
            response.Pets.Add(ToProto(pet));
            foreach (var appointment in pet.UpcomingAppointments)
            {
                upcoming.Add((appointment.Start, upcoming.Count, appointment.ToProto(pet.PetId, pet.Signalment.Name)));
            }

            if (!home.Clinic.ServicesDueShown)
            {
                continue;
            }

            foreach (var service in pet.ServicesDue)
            {
                due.Add((service.DueDate, due.Count, new ServiceDue
                {
                    Id = service.PimsId, PetId = pet.PetId, PetName = pet.Signalment.Name, Service = service.Service, DueDate = Date(service.DueDate),
                }));
            }
        }

        // Equal times keep the pets' order.
        upcoming.Sort(static (x, y) => x.Start.CompareTo(y.Start) is var byStart and not 0 ? byStart : x.Order.CompareTo(y.Order));
        due.Sort(static (x, y) => x.Due.CompareTo(y.Due) is var byDue and not 0 ? byDue : x.Order.CompareTo(y.Order));
        foreach (var (_, _, appointment) in upcoming)
        {
            response.UpcomingAppointments.Add(appointment);
        }

        foreach (var (_, _, service) in due)
        {
            response.ServicesDue.Add(service);
        }

        if (home.ActiveConversation is { } active)
        {
            response.ActiveConversations.Add(ToProto(active));
        }

        return response;
    }

    public static PortalAppointment ToProto(this PetAppointment appointment, string petId, string? petName) => new()
    {
        Id = appointment.PimsId,
        PetId = petId,
        PetName = petName ?? "",
        Start = Timestamp.FromDateTimeOffset(appointment.Start),
        DurationMinutes = appointment.DurationMinutes,
        Kind = appointment.Type,
        Status = appointment.Status,
        Provider = appointment.Provider ?? "",
    };

    public static ClinicSettings ToProto(this Domain.ClinicSettings settings) => new()
    {
        Appointments = new AppointmentVisibility
        {
            AllKinds = settings.Appointments.AllKinds,
            Kinds = { settings.Appointments.Kinds },
            HorizonDays = settings.Appointments.HorizonDays,
        },
        Widgets = { settings.Widgets.Select(ToProto) },
        ServiceRemindersEnabled = settings.ServiceRemindersEnabled,
    };

    public static Domain.ClinicSettings FromProto(ClinicSettings? settings)
    {
        if (settings?.Appointments is not { } appointments)
        {
            throw new ValidationException("settings.appointments", "is required.");
        }

        var widgets = new List<Domain.WebsiteWidget>(settings.Widgets.Count);
        foreach (var widget in settings.Widgets)
        {
            var match = Array.FindIndex(WidgetTable, w => w.Proto == widget);
            if (match < 0)
            {
                throw new ValidationException("settings.widgets", $"{widget} is not a widget of the catalogue (online booking, pharmacy, payments, reviews, chat).");
            }

            widgets.Add(WidgetTable[match].Widget);
        }

        return new Domain.ClinicSettings(
            new Domain.AppointmentVisibility(appointments.AllKinds, [.. appointments.Kinds], appointments.HorizonDays), widgets, settings.ServiceRemindersEnabled);
    }

    private static WebsiteWidget ToProto(Domain.WebsiteWidget widget) => Array.Find(WidgetTable, w => w.Widget == widget).Proto;

    private static HomePet ToProto(PetPortalSummary pet) => new()
    {
        PetId = pet.PetId,
        Name = pet.Signalment.Name,
        Species = pet.Signalment.Species,
        Breed = pet.Signalment.Breed ?? "",
        Sex = pet.Signalment.Sex ?? "",
        BirthDate = pet.Signalment.BirthDate is { } birth ? Date(birth) : "",
        Deceased = pet.Signalment.Deceased,
    };

    private static HomeConversation ToProto(ConversationView conversation) => new()
    {
        Id = conversation.Id,
        Subject = conversation.Subject,
        OpenedAt = Timestamp.FromDateTimeOffset(conversation.OpenedAt),
        LastActivityAt = Timestamp.FromDateTimeOffset(conversation.Messages.Count > 0 ? conversation.Messages[^1].SentAt : conversation.OpenedAt),
        UnreadCount = conversation.UnreadForClient,
    };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
