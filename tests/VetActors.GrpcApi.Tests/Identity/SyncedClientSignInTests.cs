using Grpc.Core;
using VetActors.Grains.Outbox;
using VetActors.GrpcApi.Security;
using VetActors.GrpcApi.Sync;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.GrpcApi.Tests.Sync;
using VetActors.Protos.Admin.V1;
using VetActors.Protos.Identity.V1;
using VetActors.Protos.Pims.V1;
using Client = VetActors.Protos.Pims.V1.Client;
using Record = VetActors.Protos.Pims.V1.Record;

namespace VetActors.GrpcApi.Tests.Identity;

/// <summary>Pet owners imported from the PIMS sign in with a code sent to the contact details on their record.</summary>
public sealed class SyncedClientSignInTests : IAsyncLifetime
{
    private const string ClinicId = "clinic-s";
    private const string Rpc = "/vetactors.identity.v1.SignIn/";
    private readonly ApiTestHost _host = new(clientRecordsFromSync: true);

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        await _host.InvokeAsync<CreateClinicRequest, Clinic>(
            "/vetactors.admin.v1.ClinicAdmin/CreateClinic",
            new CreateClinicRequest { Clinic = ClinicWorld.NewClinic(ClinicId, "P-" + ClinicId), PracticePassword = ClinicWorld.PracticePassword },
            ApiTestHost.InternalServiceKey);
        await ImportAsync(
            Owner("c1", "Ann", "Lee", "Ann.Lee@Example.com", "(555) 010-2030"),
            Owner("c2", "Tom", "Park", "tom@example.org", "555 010 2030"));
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task ClientCode_ImportedOwnerByEmail_SignsInAsTheirClient()
    {
        await RequestCodeAsync("ann.lee@example.com");
        var message = _host.Outbox.Messages[^1];
        Assert.Equal(MessageChannel.Email, message.Channel);
        Assert.Equal("Ann.Lee@Example.com", message.To);

        var response = await VerifyCodeAsync("ANN.LEE@example.com", SixDigits(message.Body));

        Assert.Equal("p-c1", response.ClientId);
        Assert.NotEmpty(response.Session.Token);
    }

    [Fact]
    public async Task ClientCode_MobileSharedByTwoImportedOwners_NoCodeSentAndSignInRefused()
    {
        var before = _host.Outbox.Messages.Count;

        await RequestCodeAsync("+1 555 010 2030");

        Assert.Equal(before, _host.Outbox.Messages.Count);
        var error = await Assert.ThrowsAsync<RpcException>(() => VerifyCodeAsync("+1 555 010 2030", "123456"));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    private static Record Owner(string id, string first, string last, string email, string phone) =>
        new() { Id = id, Version = 1, Client = new Client { FirstName = first, LastName = last, Email = email, Phones = { phone } } };

    private async Task ImportAsync(params Record[] records)
    {
        var hello = new AgentMessage { Hello = new Hello { AgentId = "agent", PimsKind = "AVImark", PimsVersion = "19", FullImport = true, TotalRecords = records.Length } };
        var batch = new Batch { Sequence = 1, EndOfImport = true };
        batch.Records.AddRange(records);
        var writer = new RecordingStreamWriter<ServerMessage>();
        var context = TestServerCallContext.For(Principal.PimsAgent(ClinicId, "agent-1"), "/vetactors.pims.v1.PimsSync/Sync");
        await _host.Service<PimsSyncService>().Sync(
            new ScriptedStreamReader<AgentMessage>([hello, new AgentMessage { Batch = batch }]), writer, context);
        Assert.Equal(records.Length, writer.Written[1].Ack.Applied.Count);
    }

    private Task<RequestClientCodeResponse> RequestCodeAsync(string contact) =>
        _host.InvokeAsync<RequestClientCodeRequest, RequestClientCodeResponse>(
            Rpc + "RequestClientCode", new RequestClientCodeRequest { ClinicId = ClinicId, EmailOrMobile = contact }, null);

    private Task<VerifyClientCodeResponse> VerifyCodeAsync(string contact, string code) =>
        _host.InvokeAsync<VerifyClientCodeRequest, VerifyClientCodeResponse>(
            Rpc + "VerifyClientCode", new VerifyClientCodeRequest { ClinicId = ClinicId, EmailOrMobile = contact, Code = code }, null);

    private static string SixDigits(string body) => System.Text.RegularExpressions.Regex.Match(body, "[0-9]{6}").Value;
}
