using Google.Protobuf;
using Grpc.Core;
using VetActors.GrpcApi.Tests.Infrastructure;

namespace VetActors.GrpcApi.Tests.Security;

/// <summary>
/// How one RPC is exercised by the tenancy part of the authorization matrix: a request naming objects of clinic A
/// (<see cref="TenancyWorld"/>), and the status a caller of clinic A and a caller of clinic B each get for it.
/// A unary RPC gives <see cref="Request"/>; a streaming one gives <see cref="Call"/>, which makes the call with the
/// token it is handed (e.g. with <see cref="ApiTestHost.InvokeDuplexAsync"/>) and returns the response as text.
/// <see cref="Arrange"/> sets clinic A up before the audit log is counted, so audited set-up is not taken for a
/// change made by clinic B's call.
/// </summary>
public sealed record TenancySample(
    Func<TenancyWorld, IMessage>? Request,
    StatusCode OwnClinic,
    StatusCode OtherClinic,
    Func<ApiTestHost, TenancyWorld, string, Task<string>>? Call = null,
    Func<ApiTestHost, TenancyWorld, Task>? Arrange = null);
