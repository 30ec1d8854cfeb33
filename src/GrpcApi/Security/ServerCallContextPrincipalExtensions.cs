using Grpc.Core;

namespace VetActors.GrpcApi.Security;

/// <summary>How services learn who is calling.</summary>
public static class ServerCallContextPrincipalExtensions
{
    private static readonly object PrincipalKey = typeof(Principal);

    /// <summary>The caller, as authenticated by the authorization layer for this call.</summary>
    public static Principal GetPrincipal(this ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.UserState.TryGetValue(PrincipalKey, out var value) && value is Principal principal
            ? principal
            : throw new RpcException(new Status(StatusCode.Unauthenticated, "The call was not authenticated."));
    }

    /// <summary>The caller's clinic; PERMISSION_DENIED for a caller that has none (anonymous, internal service).</summary>
    public static string GetClinicId(this ServerCallContext context) =>
        context.GetPrincipal().ClinicId ?? throw new RpcException(new Status(StatusCode.PermissionDenied, "This call is made on behalf of a clinic."));

    /// <summary>The calling staff member's user id; PERMISSION_DENIED for other callers.</summary>
    public static string GetStaffUserId(this ServerCallContext context) =>
        context.GetPrincipal().UserId ?? throw new RpcException(new Status(StatusCode.PermissionDenied, "This call is made by a staff member."));

    /// <summary>Attaches the caller to the call (the authorization layer does this; tests do it through their call context).</summary>
    public static void SetPrincipal(this ServerCallContext context, Principal principal)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(principal);
        context.UserState[PrincipalKey] = principal;
    }
}
