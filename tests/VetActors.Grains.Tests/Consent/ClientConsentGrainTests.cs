using VetActors.Actors.Testing;
using VetActors.Grains.Common;
using VetActors.Grains.Consent;

namespace VetActors.Grains.Tests.Consent;

public sealed class ClientConsentGrainTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly ClinicContact Clinic = new("Harbor Vet", "+1 555 0100");

    private TestCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await new TestClusterBuilder { TimeProvider = new ManualTimeProvider(Start) }
            .AddGrain<ClientConsentGrain>()
            .BuildAndStartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private IClientConsentGrain Grain(string clientId = "981") =>
        _cluster.GrainFactory.GetGrain<IClientConsentGrain>(GrainKeys.ClientConsent("42", clientId));

    private Task<InboundSmsOutcome> Text(string text) => Grain().ReceiveSmsAsync(new InboundSms(text, Clinic));

    [Fact]
    public async Task NewClient_MayBeContactedOnBothChannels()
    {
        Assert.True(await Grain().MaySendAsync(ConsentChannel.Sms));
        Assert.True(await Grain().MaySendAsync(ConsentChannel.Email));
        Assert.False((await Grain().GetStatusAsync()).ShowSmsOptOutIndicator);
        Assert.Empty(await Grain().GetLedgerAsync());
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData(" stopall ")]
    [InlineData("Unsubscribe")]
    [InlineData("cancel")]
    [InlineData("END")]
    [InlineData("Quit")]
    [InlineData("revoke")]
    [InlineData("OPTOUT")]
    public async Task OptOutKeyword_OptsOutOfSmsWithOneConfirmation(string text)
    {
        var outcome = await Text(text);

        Assert.Equal(SmsKeywordKind.OptOut, outcome.Keyword);
        Assert.NotNull(outcome.Reply);
        Assert.Contains("Harbor Vet", outcome.Reply, StringComparison.Ordinal);
        Assert.Contains("START", outcome.Reply, StringComparison.Ordinal);
        Assert.False(await Grain().MaySendAsync(ConsentChannel.Sms));
        Assert.True(await Grain().MaySendAsync(ConsentChannel.Email));
        var status = await Grain().GetStatusAsync();
        Assert.True(status.ShowSmsOptOutIndicator);
        Assert.Equal(ConsentSource.SmsKeyword, status.SmsOptOutSource);
        var entry = Assert.Single(await Grain().GetLedgerAsync());
        Assert.Equal(new ConsentChange(ConsentChannel.Sms, false, ConsentSource.SmsKeyword, SmsKeywords.Normalize(text), null, Start), entry);
    }

    [Fact]
    public async Task Stop_Twice_RepliesEachTimeButRecordsOneChange()
    {
        var first = await Text("STOP");
        var second = await Text("stop");

        Assert.Equal(first.Reply, second.Reply);
        Assert.Single(await Grain().GetLedgerAsync());
    }

    [Theory]
    [InlineData("START")]
    [InlineData("unstop")]
    [InlineData(" Yes ")]
    public async Task OptInKeyword_AfterStop_OptsBackInAndClearsTheIndicator(string text)
    {
        await Text("STOP");
        _cluster.TimeProvider.Advance(TimeSpan.FromDays(3));

        var outcome = await Text(text);

        Assert.Equal(SmsKeywordKind.OptIn, outcome.Keyword);
        Assert.Contains("Harbor Vet", outcome.Reply!, StringComparison.Ordinal);
        Assert.True(await Grain().MaySendAsync(ConsentChannel.Sms));
        Assert.False((await Grain().GetStatusAsync()).ShowSmsOptOutIndicator);
        var ledger = await Grain().GetLedgerAsync();
        Assert.Equal(2, ledger.Count);
        Assert.Equal(new ConsentChange(ConsentChannel.Sms, true, ConsentSource.SmsKeyword, SmsKeywords.Normalize(text), null, Start.AddDays(3)), ledger[1]);
    }

    [Fact]
    public async Task Start_AfterStaffOptOut_ClearsTheStaffIndicator()
    {
        await Grain().SetPreferenceAsync(PreferenceChange.ByStaff(ConsentChannel.Sms, false, "staff-7"));
        Assert.True((await Grain().GetStatusAsync()).ShowSmsOptOutIndicator);

        await Text("START");

        Assert.False((await Grain().GetStatusAsync()).ShowSmsOptOutIndicator);
        Assert.True(await Grain().MaySendAsync(ConsentChannel.Sms));
    }

    [Fact]
    public async Task Help_AnswersWithClinicContactAndHowToStop_ChangingNothing()
    {
        var outcome = await Text(" help ");

        Assert.Equal(SmsKeywordKind.Help, outcome.Keyword);
        Assert.Contains("Harbor Vet", outcome.Reply!, StringComparison.Ordinal);
        Assert.Contains("+1 555 0100", outcome.Reply!, StringComparison.Ordinal);
        Assert.Contains("STOP", outcome.Reply!, StringComparison.Ordinal);
        Assert.True(await Grain().MaySendAsync(ConsentChannel.Sms));
        Assert.Empty(await Grain().GetLedgerAsync());
    }

    [Theory]
    [InlineData("Can Bella come in at 3?")]
    [InlineData("Stop by tomorrow")]
    [InlineData("")]
    public async Task OtherText_IsNotAConsentChange(string text)
    {
        await Text("STOP");

        var outcome = await Text(text);

        Assert.Equal(new InboundSmsOutcome(SmsKeywordKind.None, null), outcome);
        Assert.False(await Grain().MaySendAsync(ConsentChannel.Sms));
        Assert.Single(await Grain().GetLedgerAsync());
    }

    [Fact]
    public async Task PortalPreferences_OptOutAndInPerChannel_AreRecorded()
    {
        await Grain().SetPreferenceAsync(PreferenceChange.ByClient(ConsentChannel.Email, false));
        _cluster.TimeProvider.Advance(TimeSpan.FromHours(1));
        var afterSms = await Grain().SetPreferenceAsync(PreferenceChange.ByClient(ConsentChannel.Sms, false));
        _cluster.TimeProvider.Advance(TimeSpan.FromHours(1));
        var final = await Grain().SetPreferenceAsync(PreferenceChange.ByClient(ConsentChannel.Email, true));

        Assert.Equal(new ConsentStatus(false, false, ConsentSource.Portal, ConsentSource.Portal), afterSms);
        Assert.Equal(new ConsentStatus(false, true, ConsentSource.Portal, null), final);
        Assert.True(await Grain().MaySendAsync(ConsentChannel.Email));
        Assert.False(await Grain().MaySendAsync(ConsentChannel.Sms));
        Assert.Equal(
            [
                new ConsentChange(ConsentChannel.Email, false, ConsentSource.Portal, null, null, Start),
                new ConsentChange(ConsentChannel.Sms, false, ConsentSource.Portal, null, null, Start.AddHours(1)),
                new ConsentChange(ConsentChannel.Email, true, ConsentSource.Portal, null, null, Start.AddHours(2)),
            ],
            await Grain().GetLedgerAsync());
    }

    [Fact]
    public async Task PortalOptIn_AfterStop_IsTheClientsOwnChoice()
    {
        await Text("STOP");

        await Grain().SetPreferenceAsync(PreferenceChange.ByClient(ConsentChannel.Sms, true));

        Assert.True(await Grain().MaySendAsync(ConsentChannel.Sms));
    }

    [Fact]
    public async Task StaffOptOut_IsRecordedWithTheStaffMember()
    {
        var status = await Grain().SetPreferenceAsync(PreferenceChange.ByStaff(ConsentChannel.Sms, false, "staff-7"));

        Assert.True(status.ShowSmsOptOutIndicator);
        Assert.Equal(ConsentSource.Staff, status.SmsOptOutSource);
        Assert.Equal(new ConsentChange(ConsentChannel.Sms, false, ConsentSource.Staff, null, "staff-7", Start), Assert.Single(await Grain().GetLedgerAsync()));
    }

    [Fact]
    public async Task StaffOptIn_AfterClientTextedStop_IsARuleViolationAndChangesNothing()
    {
        await Text("STOP");

        var error = await Assert.ThrowsAsync<RuleViolation>(() =>
            Grain().SetPreferenceAsync(PreferenceChange.ByStaff(ConsentChannel.Sms, true, "staff-7")));

        Assert.Equal(ConsentRules.ClientOptOutStands, error.Code);
        Assert.Contains("START", error.Message, StringComparison.Ordinal);
        Assert.False(await Grain().MaySendAsync(ConsentChannel.Sms));
        Assert.Single(await Grain().GetLedgerAsync());
    }

    [Fact]
    public async Task StaffOptIn_AfterStopOverAStaffOptOut_IsStillRefused()
    {
        await Grain().SetPreferenceAsync(PreferenceChange.ByStaff(ConsentChannel.Sms, false, "staff-7"));
        await Text("STOP");

        await Assert.ThrowsAsync<RuleViolation>(() => Grain().SetPreferenceAsync(PreferenceChange.ByStaff(ConsentChannel.Sms, true, "staff-7")));

        Assert.Equal(ConsentSource.SmsKeyword, (await Grain().GetStatusAsync()).SmsOptOutSource);
        Assert.Equal(2, (await Grain().GetLedgerAsync()).Count);
    }

    [Fact]
    public async Task StaffOptIn_AfterClientsPortalEmailOptOut_IsRefused()
    {
        await Grain().SetPreferenceAsync(PreferenceChange.ByClient(ConsentChannel.Email, false));

        await Assert.ThrowsAsync<RuleViolation>(() => Grain().SetPreferenceAsync(PreferenceChange.ByStaff(ConsentChannel.Email, true, "staff-7")));

        Assert.False(await Grain().MaySendAsync(ConsentChannel.Email));
    }

    [Fact]
    public async Task StaffOptIn_AfterTheirOwnOptOut_IsAllowed()
    {
        await Grain().SetPreferenceAsync(PreferenceChange.ByStaff(ConsentChannel.Sms, false, "staff-7"));

        var status = await Grain().SetPreferenceAsync(PreferenceChange.ByStaff(ConsentChannel.Sms, true, "staff-8"));

        Assert.True(status.SmsAllowed);
        Assert.Equal(2, (await Grain().GetLedgerAsync()).Count);
    }

    [Fact]
    public async Task SetPreference_Malformed_IsRejected()
    {
        var noStaffId = await Assert.ThrowsAsync<ValidationException>(() =>
            Grain().SetPreferenceAsync(new PreferenceChange(ConsentChannel.Sms, false, ConsentSource.Staff)));
        var keywordSource = await Assert.ThrowsAsync<ValidationException>(() =>
            Grain().SetPreferenceAsync(new PreferenceChange(ConsentChannel.Sms, false, ConsentSource.SmsKeyword)));

        Assert.Equal("staff_user_id", Assert.Single(noStaffId.Violations).Field);
        Assert.Equal("source", Assert.Single(keywordSource.Violations).Field);
        Assert.Empty(await Grain().GetLedgerAsync());
    }

    [Fact]
    public async Task Consent_AfterRestart_IsKept()
    {
        await Text("STOP");

        await _cluster.RestartAsync();

        Assert.False(await Grain().MaySendAsync(ConsentChannel.Sms));
        Assert.Single(await Grain().GetLedgerAsync());
    }

    [Fact]
    public void Key_IsTheClientKeyWithAConsentSuffix() =>
        Assert.Equal("clinic-42/client/981/consent", GrainKeys.ClientConsent("42", "981"));

    [Fact]
    public async Task Clients_HaveSeparateConsent()
    {
        await Text("STOP");

        Assert.True(await Grain("982").MaySendAsync(ConsentChannel.Sms));
    }
}
