using System.Text.Json;
using VetActors.Grains.Consent;
using VetActors.Grains.Conversations;
using VetActors.Grains.Events;
using VetActors.Grains.Sync;

namespace VetActors.Grains.Tests.Events;

/// <summary>Events cross a process as JSON with their kind, so a later multi-silo hub can forward them unchanged.</summary>
public sealed class ClinicEventSerializationTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<ClinicEvent> Events() =>
    [
        new ConversationMessagePosted("42", "981", "conv-1", new ChatMessage("m1", Participant.Staff("vet-1"), "Ready at 5.", ["a1"], Now)),
        new ClientConsentChanged(
            "42", "981", new ConsentChange(ConsentChannel.Sms, false, ConsentSource.SmsKeyword, "STOP", null, Now), new ConsentStatus(false, true, ConsentSource.SmsKeyword, null)),
        new SyncStatusChanged(
            "42", Now, IntegrationState.Importing,
            new IntegrationStatus(IntegrationState.Live, new ImportProgress(2, 2, 0, 0, 2, null), 2, true, Now, Now, "agent-1", "AVImark", TimeSpan.FromMinutes(15)),
            new SyncBatchSummary(2, 1, 0, 0)),
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void Event_RoundTripsThroughJsonAsItsOwnKind(ClinicEvent clinicEvent)
    {
        var json = JsonSerializer.Serialize(clinicEvent);

        var back = JsonSerializer.Deserialize<ClinicEvent>(json)!;

        Assert.Equal(clinicEvent.GetType(), back.GetType());
        Assert.Equal(JsonSerializer.Serialize(clinicEvent), JsonSerializer.Serialize(back));
        Assert.Equal(clinicEvent.ClientId, back.ClientId);
    }
}
