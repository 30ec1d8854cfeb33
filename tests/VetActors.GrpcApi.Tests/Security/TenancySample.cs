using Google.Protobuf;
using Grpc.Core;
using VetActors.GrpcApi.Tests.Infrastructure;

namespace VetActors.GrpcApi.Tests.Security;

/// <summary>
/// How one RPC is exercised by the tenancy part of the authorization matrix: a request naming objects of clinic A
/// (<see cref="TenancyWorld"/>), and the status a caller of clinic A and a caller of clinic B each get for it.
/// </summary>
public sealed record TenancySample(Func<TenancyWorld, IMessage> Request, StatusCode OwnClinic, StatusCode OtherClinic);
