using Grpc.Core;
using VetActors.Grains.Audit;
using VetActors.Grains.Common;
using VetActors.Protos.Appointments.V1;
using AppointmentStatus = VetActors.Protos.Appointments.V1.AppointmentStatus;
using ClinicalRecord = VetActors.Protos.Appointments.V1.ClinicalRecord;
using PayoutState = VetActors.Protos.Appointments.V1.PayoutState;

namespace VetActors.GrpcApi.Tests.Appointments;

/// <summary>The call and the record: joining, no-show, technical difficulty, ending and completing.</summary>
public sealed partial class AppointmentsServiceTests
{
    [Fact]
    public async Task JoinCall_BothSides_RecordsEachJoinAndPunctuality()
    {
        var booked = await BookAsync(Client);
        _host.Time.Advance(TimeSpan.FromMinutes(62));

        await Service.JoinCall(new JoinCallRequest { Reference = booked.Reference }, Call(Vet));
        var joined = await Service.JoinCall(new JoinCallRequest { Reference = booked.Reference }, Call(Client));

        Assert.Equal(AppointmentStatus.InCall, joined.Status);
        Assert.True(joined.PractitionerLate);
        Assert.NotNull(joined.ClientJoinedAt);
    }

    [Fact]
    public async Task JoinCall_AnotherPractitioner_IsPermissionDenied()
    {
        var booked = await BookAsync(Client);
        _host.Time.Advance(TimeSpan.FromMinutes(60));

        await Assert.ThrowsAsync<PermissionDeniedException>(() => Service.JoinCall(new JoinCallRequest { Reference = booked.Reference }, Call(OtherVet)));
    }

    [Fact]
    public async Task DeclareNoShow_TooEarly_IsFailedPreconditionSayingHowLongIsLeft()
    {
        var booked = await BookAsync(Client);
        _host.Time.Advance(TimeSpan.FromMinutes(60));
        await Service.JoinCall(new JoinCallRequest { Reference = booked.Reference }, Call(Vet));
        _host.Time.Advance(TimeSpan.FromMinutes(10));

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeAsync<DeclareNoShowRequest, Appointment>(
            "/vetactors.appointments.v1.Appointments/DeclareNoShow", new DeclareNoShowRequest { Reference = booked.Reference }, _world.AdminToken));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("in 5 min 0 s", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeclareNoShow_After15Minutes_VetIsEmailedTheOptionAndTheNoShowOpensASupportCase()
    {
        var booked = await BookAsync(Client);
        _host.Time.Advance(TimeSpan.FromMinutes(60));
        await Service.JoinCall(new JoinCallRequest { Reference = booked.Reference }, Call(Vet));
        _host.Time.Advance(TimeSpan.FromMinutes(15));
        await Awaiting.UntilAsync(() => _host.Outbox.Messages.Any(m => m.To == "admin@clinic-a.example" && m.Subject.Contains(booked.Reference, StringComparison.Ordinal)), "no-show option email");

        var noShow = await Service.DeclareNoShow(new DeclareNoShowRequest { Reference = booked.Reference }, Call(Vet));

        Assert.Equal(AppointmentStatus.NoShow, noShow.Status);
        Assert.Equal(PayoutState.AwaitingSupportDecision, noShow.Payout);
        Assert.Single(noShow.SupportCaseIds);
    }

    [Fact]
    public async Task ReportTechnicalDifficulty_ByTheClient_EndsTheCallAndOpensAnAuditedCase()
    {
        var booked = await InCallAsync();

        var reported = await Service.ReportTechnicalDifficulty(new ReportTechnicalDifficultyRequest { Reference = booked.Reference, Description = "no audio" }, Call(Client));

        Assert.True(reported.TechnicalDifficultyReported);
        var caseId = Assert.Single(reported.SupportCaseIds);
        Assert.Contains(await AuditLog.For(_host.Grains, "clinic-a").ReadAsync(0, 500), e => e.Action == "support_case.opened" && e.Target == caseId);
    }

    [Fact]
    public async Task EndCallThenCompleteRecord_ByThePractitioner_IsCompletedAndDueInFull()
    {
        var booked = await InCallAsync();

        var ended = await Service.EndCall(new EndCallRequest { Reference = booked.Reference }, Call(Vet));
        var completed = await Service.CompleteRecord(
            new CompleteRecordRequest { Reference = booked.Reference, Record = new ClinicalRecord { Notes = "Ear", MedicalRecord = "Otitis externa", Prescriptions = { "drops" } } },
            Call(Vet));

        Assert.Equal(AppointmentStatus.CallEnded, ended.Status);
        Assert.Equal(ended.CallEndedAt.ToDateTimeOffset().AddHours(24), ended.RecordDueAt.ToDateTimeOffset());
        Assert.Equal(AppointmentStatus.Completed, completed.Status);
        Assert.Equal(PayoutState.DueInFull, completed.Payout);
        Assert.Equal(["drops"], completed.Record.Prescriptions);
    }

    [Fact]
    public async Task CompleteRecord_BeforeTheCallEnded_IsRefusedByTheRules()
    {
        var booked = await InCallAsync();

        await Assert.ThrowsAsync<RuleViolation>(() => Service.CompleteRecord(
            new CompleteRecordRequest { Reference = booked.Reference, Record = new ClinicalRecord { Notes = "n", MedicalRecord = "m" } }, Call(Vet)));
    }

    [Fact]
    public async Task EndCall_AnotherPractitioner_IsPermissionDenied()
    {
        var booked = await InCallAsync();

        await Assert.ThrowsAsync<PermissionDeniedException>(() => Service.EndCall(new EndCallRequest { Reference = booked.Reference }, Call(OtherVet)));
    }
}
