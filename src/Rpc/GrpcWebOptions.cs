namespace VetActors.Rpc;

/// <summary>Options of the gRPC-Web middleware (<c>app.UseGrpcWeb(...)</c>).</summary>
public sealed class GrpcWebOptions
{
    /// <summary>
    /// When true, every gRPC endpoint accepts gRPC-Web unless it opted out with <c>DisableGrpcWeb()</c>;
    /// when false (the default), only endpoints marked with <c>EnableGrpcWeb()</c> do.
    /// </summary>
    public bool DefaultEnabled { get; set; }
}
