namespace VetActors.Grains.Appointments;

/// <summary>Why an appointment notifies someone.</summary>
public enum NotificationKind
{
    /// <summary>The practitioner may now declare the client a no-show.</summary>
    NoShowOptionOpen = 1,

    /// <summary>Four hours remain to complete the record.</summary>
    RecordDeadlineWarning = 2,

    /// <summary>The record is overdue: the practitioner is paused and the payout held.</summary>
    RecordOverdue = 3,

    /// <summary>The practitioner asks the client for more files or information.</summary>
    MoreInformationRequested = 4,
}
