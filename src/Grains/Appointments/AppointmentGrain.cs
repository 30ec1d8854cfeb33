using Microsoft.Extensions.Logging;
using VetActors.Actors;
using VetActors.Actors.Reminders;
using VetActors.Grains.Common;
using VetActors.Grains.Practitioners;
using VetActors.Grains.Support;

namespace VetActors.Grains.Appointments;

internal sealed partial class AppointmentGrain(
    [PersistentState("appointment")] IPersistentState<AppointmentState> appointment,
    [PersistentState("attachments")] IPersistentState<AttachmentStore> attachments,
    IPractitionerDirectory directory,
    IAppointmentNotifier notifier,
    TimeProvider time,
    ILogger<AppointmentGrain> logger) : Grain, IAppointmentGrain, IRemindable
{
    private AppointmentState State => appointment.State;

    private string Key => this.GetPrimaryKeyString();

    private string ClinicId => GrainKeys.ClinicIdOf(Key);

    private string Reference => Key[(Key.LastIndexOf('/') + 1)..];

    private IPractitionerGrain Practitioner => GrainFactory.GetGrain<IPractitionerGrain>(GrainKeys.Child(ClinicId, "practitioner", State.PractitionerId));

    private ISupportDeskGrain SupportDesk => GrainFactory.GetGrain<ISupportDeskGrain>(GrainKeys.Child(ClinicId, "support", "desk"));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Completing an overdue record saves first and then lifts the pause; a crash in between is finished here.
        if (State is { Status: AppointmentStatus.Completed, RecordOverdue: true, OverdueCleared: false })
        {
            await FinishOverdueCompletionAsync();
        }
    }

    public async Task<AppointmentView> BookAsync(BookAppointment booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        if (State.Status is not AppointmentStatus.None)
        {
            throw new AlreadyExistsException("appointment.reference_taken", $"Reference {Reference} is already taken in this clinic.");
        }

        var now = time.GetUtcNow();
        ValidateBooking(booking, now);
        if (!await directory.IsActiveVeterinarianAsync(ClinicId, booking.PractitionerId, CancellationToken.None))
        {
            throw new RuleViolation(AppointmentRules.NotAVeterinarian, $"Staff member {booking.PractitionerId} is not an active veterinarian of this clinic.");
        }

        State.ClientId = booking.ClientId;
        State.PetId = booking.PetId;
        State.PractitionerId = booking.PractitionerId;
        State.Start = booking.Start;
        State.Duration = booking.Duration;
        State.Kind = booking.Kind;

        // The slot is reserved before the appointment is saved: a crash in between leaves a reservation
        // without an appointment (the slot blocked) rather than an appointment without a reservation.
        await Practitioner.ReserveAsync(Reference, booking.Start, booking.Duration);

        // Indexed before the save too: a listing skips a reference whose appointment was never saved.
        await GrainFactory.GetGrain<IClientAppointmentsGrain>(GrainKeys.ClientAppointments(ClinicId, booking.ClientId)).AddAsync(Reference);
        await RegisterOrUpdateOneShotReminder(AppointmentRules.NoShowReminder, booking.Start + AppointmentRules.NoShowWait);
        State.Status = AppointmentStatus.Booked;
        await SaveAsync();
        Log.Booked(logger, Key, booking.PractitionerId, booking.Start);
        return View();
    }

    // Refusals leave these synchronous methods as faulted tasks, the shape every grain call's result has.
    public Task<AppointmentView> GetAsync() =>
        State.Status is AppointmentStatus.None ? Task.FromException<AppointmentView>(NotFound()) : Task.FromResult(View());

    public async Task<AppointmentView> RescheduleAsync(DateTimeOffset start, TimeSpan duration)
    {
        Require(AppointmentStatus.Booked, "be rescheduled");
        var now = time.GetUtcNow();
        ValidateSlot(start, duration, now);
        await Practitioner.MoveAsync(Reference, start, duration);
        await RegisterOrUpdateOneShotReminder(AppointmentRules.NoShowReminder, start + AppointmentRules.NoShowWait);
        State.Start = start;
        State.Duration = duration;
        await SaveAsync();
        return View();
    }

    public async Task<AppointmentView> CancelAsync(string reason)
    {
        Require(AppointmentStatus.Booked, "be cancelled");
        State.Status = AppointmentStatus.Cancelled;
        State.CancellationReason = reason;
        State.Payout = PayoutState.NotPayable;
        await SaveAsync();

        // Saved first: a reminder that still fires finds the appointment cancelled and does nothing.
        await UnregisterAsync(AppointmentRules.NoShowReminder);
        await Practitioner.ReleaseAsync(Reference);
        return View();
    }

    public async Task<AttachmentInfo> AttachAsync(AttachmentUpload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        Require(AppointmentStatus.Booked, "take attachments");
        EnsureBeforeStart("Attachments");
        if (upload.Content.Length is 0 or > AttachmentPolicy.MaxBytes)
        {
            throw new ValidationException("content", $"must be 1 byte to {AttachmentPolicy.MaxBytes / (1024 * 1024)} MiB; it is {upload.Content.Length} bytes.");
        }

        var contentType = AttachmentPolicy.Sniff(upload.Content.Span)
            ?? throw new ValidationException("content", "must be a JPEG, PNG or PDF file (checked by its content).");
        if (State.Attachments.Count >= AttachmentPolicy.MaxAttachments)
        {
            throw new RuleViolation(AppointmentRules.TooManyAttachments, $"Appointment {Reference} already has the maximum of {AttachmentPolicy.MaxAttachments} attachments.");
        }

        var info = new AttachmentInfo(
            $"att-{State.Attachments.Count + 1}", Path.GetFileName(upload.FileName), contentType, upload.Content.Length, time.GetUtcNow());

        // Content first: an attachment listed in the appointment always has its bytes.
        attachments.State.Contents[info.AttachmentId] = upload.Content.ToArray();
        await attachments.WriteStateAsync();
        State.Attachments.Add(info);
        await SaveAsync();
        return info;
    }

    public Task<ReadOnlyMemory<byte>> GetAttachmentContentAsync(string attachmentId) =>
        State.Status is AppointmentStatus.None ? Task.FromException<ReadOnlyMemory<byte>>(NotFound())
        : attachments.State.Contents.TryGetValue(attachmentId, out var content) ? Task.FromResult<ReadOnlyMemory<byte>>(content)
        : Task.FromException<ReadOnlyMemory<byte>>(
            new NotFoundException("appointment.attachment_not_found", $"Appointment {Reference} has no attachment {attachmentId}."));

    public async Task RequestMoreInformationAsync(string message)
    {
        Require(AppointmentStatus.Booked, "ask for more information");
        EnsureBeforeStart("Requests for more information");
        if (string.IsNullOrWhiteSpace(message))
        {
            throw new ValidationException("message", "must say what the client should add.");
        }

        await NotifyAsync(CallParty.Client, NotificationKind.MoreInformationRequested, message);
    }

    private static void ValidateBooking(BookAppointment booking, DateTimeOffset now)
    {
        var violations = new List<FieldViolation>();
        foreach (var (field, value) in new[] { ("client_id", booking.ClientId), ("pet_id", booking.PetId), ("practitioner_id", booking.PractitionerId) })
        {
            if (!GrainKeys.IsValidId(value))
            {
                violations.Add(new FieldViolation(field, "must be 1-64 characters of A-Z, a-z, 0-9, '-', '_' or '.'."));
            }
        }

        if (!Enum.IsDefined(booking.Kind))
        {
            violations.Add(new FieldViolation("kind", "must be virtual or in clinic."));
        }

        if (violations.Count > 0)
        {
            throw new ValidationException(violations);
        }

        ValidateSlot(booking.Start, booking.Duration, now);
    }

    private static void ValidateSlot(DateTimeOffset start, TimeSpan duration, DateTimeOffset now)
    {
        if (start <= now)
        {
            throw new ValidationException("start", $"must be in the future (now is {now:O}).");
        }

        if (duration < AppointmentRules.MinDuration || duration > AppointmentRules.MaxDuration)
        {
            throw new ValidationException("duration", $"must be between {AppointmentRules.MinDuration} and {AppointmentRules.MaxDuration}.");
        }
    }

    private void EnsureBooked()
    {
        if (State.Status is AppointmentStatus.None)
        {
            throw NotFound();
        }
    }

    private NotFoundException NotFound() => new("appointment.not_found", $"Appointment {Reference} does not exist.");

    private void Require(AppointmentStatus status, string action)
    {
        EnsureBooked();
        if (State.Status != status)
        {
            throw new RuleViolation(AppointmentRules.WrongState, $"Appointment {Reference} is {State.Status}; only a {status} appointment can {action}.");
        }
    }

    private void EnsureBeforeStart(string what)
    {
        if (time.GetUtcNow() >= State.Start)
        {
            throw new RuleViolation(AppointmentRules.TooLate, $"{what} close at the start ({State.Start:O}) of appointment {Reference}.");
        }
    }

    private async Task UnregisterAsync(string name)
    {
        if (await GetReminder(name) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }

    private Task NotifyAsync(CallParty recipient, NotificationKind kind, string message) =>
        notifier.NotifyAsync(
            new AppointmentNotification(
                ClinicId, Reference, recipient, recipient is CallParty.Client ? State.ClientId : State.PractitionerId, kind, message, time.GetUtcNow())
            {
                PetId = recipient is CallParty.Client ? State.PetId : null,
            },
            CancellationToken.None);

    private Task SaveAsync() => appointment.WriteStateAsync();
}
