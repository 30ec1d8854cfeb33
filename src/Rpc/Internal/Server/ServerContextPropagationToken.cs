using Grpc.Core;

namespace VetActors.Rpc.Internal.Server;

/// <summary>Carries a server call's deadline and cancellation into the calls its handler makes.</summary>
internal sealed class ServerContextPropagationToken(DateTime parentDeadline, ContextPropagationOptions options, CancellationToken parentCancellationToken)
    : ContextPropagationToken
{
    public override DateTime ParentDeadline { get; } = parentDeadline;

    public override CancellationToken ParentCancellationToken { get; } = parentCancellationToken;

    public override ContextPropagationOptions Options { get; } = options;
}
