namespace VetActors.Grains.Outbox;

/// <summary>
/// Delivery of the outbox (section <c>Outbox</c>; environment <c>VETACTORS__Outbox__SmtpHost</c>, ...). Email goes to
/// the SMTP server when <see cref="SmtpHost"/> is set, otherwise to <see cref="PickupDirectory"/> as <c>.eml</c>
/// files; SMS, having no gateway yet, always goes to the pickup folder.
/// </summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    public string? SmtpHost { get; set; }

    /// <summary>587 is the submission port (RFC 6409).</summary>
    public int SmtpPort { get; set; } = 587;

    public bool SmtpEnableSsl { get; set; } = true;

    public string? SmtpUserName { get; set; }

    /// <summary>Never logged.</summary>
    public string? SmtpPassword { get; set; }

    public string FromAddress { get; set; } = "no-reply@vetactors.example";

    /// <summary>Where <c>.eml</c> files are written, relative to the working directory unless absolute.</summary>
    public string PickupDirectory { get; set; } = ".data/outbox";

    /// <summary>How often the dispatcher looks for due messages when it found none.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Messages claimed per round.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Attempts before a message is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry delay; it doubles per attempt.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a claimed message is reserved for the dispatcher delivering it.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);
}
