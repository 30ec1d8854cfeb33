using VetActors.Grains.Identity;

namespace VetActors.GrpcApi.Security;

/// <summary>
/// Declares who may call an RPC: put it on the service's override of the generated method. An RPC without one is
/// refused (and fails the authorization matrix test). <see cref="Permission"/> adds what a staff user must hold
/// (all of the flags given); other caller kinds are not affected by it.
/// </summary>
/// <example><c>[Allow(Callers.StaffUser, Permission = StaffPermissions.ManageStaff)]</c></example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class AllowAttribute(Callers callers) : Attribute
{
    public Callers Callers { get; } = callers;

    public StaffPermissions Permission { get; set; }

    /// <summary>Whether <paramref name="principal"/> may call.</summary>
    public bool Allows(Principal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);

        // Anonymous means "credentials optional": any valid caller may make the call too.
        if ((Callers & Callers.Anonymous) != 0)
        {
            return true;
        }

        if ((Callers & principal.Kind) == 0)
        {
            return false;
        }

        return principal.Kind != Callers.StaffUser || (principal.Permissions & Permission) == Permission;
    }
}
