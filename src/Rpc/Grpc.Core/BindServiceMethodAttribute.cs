using System.Diagnostics.CodeAnalysis;

namespace Grpc.Core;

/// <summary>
/// Put by generated code on a service base class: names the static method that binds the service's
/// methods (<c>BindService(ServiceBinderBase, TBase)</c>), so a server can discover them.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public class BindServiceMethodAttribute : Attribute
{
    private const DynamicallyAccessedMemberTypes BindMethodAccess = DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods;

    public BindServiceMethodAttribute([DynamicallyAccessedMembers(BindMethodAccess)] Type bindType, string bindMethodName)
    {
        BindType = bindType;
        BindMethodName = bindMethodName;
    }

    [DynamicallyAccessedMembers(BindMethodAccess)]
    public Type BindType { get; }

    public string BindMethodName { get; }
}
