using System.Reflection;
using Grpc.Core;

namespace VetActors.GrpcApi.Security.Internal;

/// <summary>One RPC of a VetActors service: its descriptor, the class serving it, and who may call it (<c>null</c>: undeclared).</summary>
internal sealed record ApiMethod(IMethod Method, Type ServiceType, MethodInfo? Implementation, AllowAttribute? Rule);
