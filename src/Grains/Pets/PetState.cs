namespace VetActors.Grains.Pets;

/// <summary>The stored state of a pet. Each record from the PIMS keeps its version, deletions included (tombstones).</summary>
internal sealed class PetState
{
    public string? OwnerClientId { get; set; }

    public string? PimsId { get; set; }

    /// <summary>The owner as the PIMS names it (its client id), which stays put when a merge moves the pet.</summary>
    public string? OwnerPimsId { get; set; }

    public long? PimsVersion { get; set; }

    public string Name { get; set; } = "";

    public string Species { get; set; } = "";

    public string? Breed { get; set; }

    public string? Sex { get; set; }

    public DateOnly? BirthDate { get; set; }

    public string? Colour { get; set; }

    public string? Microchip { get; set; }

    public bool Deceased { get; set; }

    public DateOnly? DeceasedDate { get; set; }

    public bool Deleted { get; set; }

    public DateTimeOffset? DataAsOf { get; set; }

    public List<WeightReading> Weights { get; set; } = [];

    public Dictionary<string, Versioned<PetAppointment>> Appointments { get; set; } = [];

    public Dictionary<string, Versioned<ServiceReminder>> Reminders { get; set; } = [];

    public Dictionary<string, Versioned<Vaccination>> Vaccinations { get; set; } = [];

    public Dictionary<string, Versioned<Prescription>> Prescriptions { get; set; } = [];

    public List<PetNameChange> NameHistory { get; set; } = [];

    /// <summary>Audit entries of renames saved with them and not yet in the clinic's log.</summary>
    public List<Audit.AuditRecord> PendingAudit { get; set; } = [];

    /// <summary>The owner's photo as listed; its content is kept by <see cref="IPetPhotoGrain"/>.</summary>
    public PetPhotoInfo? Photo { get; set; }
}
