namespace VetActors.Actors;

/// <summary>
/// Settings of the actor runtime, bound from the <c>Actors</c> configuration section and validated at
/// start-up. Defaults follow Orleans (<c>MessagingOptions</c>, <c>GrainCollectionOptions</c>, reminder options)
/// unless noted.
/// </summary>
public sealed class ActorRuntimeOptions
{
    public const string SectionName = "Actors";

    /// <summary>Separates deployments sharing one database; part of every storage and reminder key.</summary>
    public string ServiceId { get; set; } = "vetactors";

    /// <summary>How long a caller waits for a grain call (Orleans' <c>ResponseTimeout</c>, 30 s).</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an activation may stay idle before it is collected (Orleans: 15 min).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for (Orleans: 1 min).</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Collection age per grain type name, overriding <see cref="CollectionAge"/> and the class attribute.</summary>
    public Dictionary<string, TimeSpan> ClassSpecificCollectionAge { get; } = new(StringComparer.Ordinal);

    /// <summary>Time given to state loading plus <c>OnActivateAsync</c> (Orleans: 30 s).</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time given to <c>OnDeactivateAsync</c> before its token is cancelled (Orleans: 30 s).</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound on a graceful stop's wait for in-flight turns and deactivations.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The shortest reminder period accepted (Orleans: 1 min); one-shot reminders have none.</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often the reminder service looks at the table even without a local registration, to see rows other
    /// silos wrote and leases that ran out.
    /// </summary>
    public TimeSpan ReminderPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed reminder tick stays leased to this silo while it is delivered.</summary>
    public TimeSpan ReminderLeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many due ticks one claim takes.</summary>
    public int ReminderBatchSize { get; set; } = 256;

    /// <summary>The first retry delay after a failed delivery; it doubles per attempt (Orleans' durable jobs: 2 s).</summary>
    public TimeSpan ReminderRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest delay between retries of a failed delivery.</summary>
    public TimeSpan ReminderRetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);
}
