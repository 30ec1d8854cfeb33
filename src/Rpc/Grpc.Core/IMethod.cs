namespace Grpc.Core;

/// <summary>A method's description without its message types.</summary>
public interface IMethod
{
    MethodType Type { get; }

    /// <summary>The fully qualified service name, e.g. <c>grpc.testing.TestService</c>.</summary>
    string ServiceName { get; }

    /// <summary>The method name, e.g. <c>UnaryCall</c>.</summary>
    string Name { get; }

    /// <summary>The HTTP/2 path, <c>/ServiceName/Name</c>.</summary>
    string FullName { get; }
}
