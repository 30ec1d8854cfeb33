using System.Reflection;
using Google.Protobuf.Reflection;

namespace VetActors.Rpc.Reflection.Internal;

/// <summary>Finds the protobuf descriptor of a service from its implementation type.</summary>
internal static class ServiceDescriptorLocator
{
    /// <summary>
    /// Grpc.Tools nests the generated <c>XBase</c> class in a static class <c>X</c> whose static
    /// <c>Descriptor</c> property is the service's descriptor; an implementation derives from <c>XBase</c>.
    /// </summary>
    public static ServiceDescriptor? Find(Type serviceType)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        for (var type = serviceType; type is not null; type = type.BaseType)
        {
            var property = type.DeclaringType?.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static);
            if (property?.PropertyType == typeof(ServiceDescriptor) && property.GetValue(null) is ServiceDescriptor descriptor)
            {
                return descriptor;
            }
        }
        return null;
    }
}
