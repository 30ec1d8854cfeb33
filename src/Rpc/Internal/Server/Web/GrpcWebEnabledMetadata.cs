namespace VetActors.Rpc.Internal.Server.Web;

/// <summary>Endpoint metadata from <c>EnableGrpcWeb()</c> / <c>DisableGrpcWeb()</c>; the last one added wins.</summary>
internal sealed class GrpcWebEnabledMetadata
{
    public static readonly GrpcWebEnabledMetadata Enabled = new(true);
    public static readonly GrpcWebEnabledMetadata Disabled = new(false);

    private GrpcWebEnabledMetadata(bool isEnabled)
    {
        IsEnabled = isEnabled;
    }

    public bool IsEnabled { get; }
}
