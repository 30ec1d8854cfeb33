using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors;
using VetActors.Actors.Testing;
using VetActors.Grains.Appointments;
using VetActors.Grains.Clinics;
using VetActors.Grains.Consent;
using VetActors.Grains.Events;
using VetActors.Grains.Hosting;
using VetActors.Grains.Identity;
using VetActors.Grains.Outbox;
using VetActors.Grains.Payments;
using VetActors.Grains.Sync.Internal;
using VetActors.GrpcApi.Errors.Internal;
using VetActors.GrpcApi.Internal;
using VetActors.GrpcApi.Portal;
using VetActors.GrpcApi.Security;
using VetActors.GrpcApi.Security.Internal;

namespace VetActors.GrpcApi.Tests.Infrastructure;

/// <summary>
/// The API layer in process, without the network: a <see cref="TestCluster"/> running the domain grains on a manual
/// clock, the real interceptors, and service classes called directly (STYLE.md 17). <see cref="InvokeAsync"/> runs
/// a unary RPC through the same interceptor chain the server uses.
/// </summary>
/// <param name="clientRecordsFromSync">
/// Whether sign-in and inbound texts find clients in the records PIMS sync keeps (the production directories)
/// instead of in <see cref="ClientDirectory"/> and <see cref="PhoneDirectory"/>.
/// </param>
public sealed class ApiTestHost(bool clientRecordsFromSync = false) : IAsyncLifetime
{
    /// <summary>The internal service credential these tests configure (its SHA-256 is what the options hold).</summary>
    public const string InternalServiceKey = "internal-service-test-key-0123456789abcdef";

    public TestCluster Cluster { get; private set; } = null!;

    public ManualTimeProvider Time => Cluster.TimeProvider;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public InMemoryOutbox Outbox => (InMemoryOutbox)Cluster.Services.GetRequiredService<IOutbox>();

    public TestClientDirectory ClientDirectory { get; } = new();

    public TestClientPhoneDirectory PhoneDirectory { get; } = new();

    public async Task InitializeAsync()
    {
        Cluster = await new TestClusterBuilder()
            .AddGrainsFromAssembly(typeof(IClinicGrain).Assembly)
            .ConfigureServices(services =>
            {
                services.AddSingleton<IOutbox, InMemoryOutbox>();
                if (clientRecordsFromSync)
                {
                    services.AddSingleton<PimsClientDirectory>();
                    services.AddSingleton<IClientContactDirectory>(sp => sp.GetRequiredService<PimsClientDirectory>());
                    services.AddSingleton<IClientPhoneDirectory>(sp => sp.GetRequiredService<PimsClientDirectory>());
                }
                else
                {
                    services.AddSingleton<IClientContactDirectory>(ClientDirectory);
                    services.AddSingleton<IClientPhoneDirectory>(PhoneDirectory);
                }

                // Fewer PBKDF2 iterations keep the suite fast; the hash format and code path are the production ones.
                services.Configure<IdentityOptions>(o => o.PasswordHashIterations = 1_000);
                services.Configure<ApiSecurityOptions>(o => o.InternalServiceKeySha256 = Sha256(InternalServiceKey));
                services.Configure<PetIdCardOptions>(o => o.PdfSharpLicense = PetIdCardOptions.AgplLicense);
                services.AddAppointments();
                services.AddClinicEvents();
                services.AddClientSearch();
                services.AddPayments();
                services.AddApiCore();
            })
            .BuildAndStartAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>A service class instance with its dependencies, as the server would create it for a call.</summary>
    public TService Service<TService>() => (TService)Service(typeof(TService));

    public object Service(Type serviceType) => ActivatorUtilities.CreateInstance(Cluster.Services, serviceType);

    internal AuthorizationInterceptor Authorization => Cluster.Services.GetRequiredService<AuthorizationInterceptor>();

    internal ExceptionMappingInterceptor ExceptionMapping => Cluster.Services.GetRequiredService<ExceptionMappingInterceptor>();

    /// <summary>
    /// Calls unary RPC <paramref name="fullName"/> presenting <paramref name="token"/>, through the exception mapping and
    /// authorization interceptors in server order, on a fresh service instance.
    /// </summary>
    public Task<TResponse> InvokeAsync<TRequest, TResponse>(string fullName, TRequest request, string? token)
        where TRequest : class where TResponse : class
    {
        var method = ApiCatalog.Default.Methods.Single(m => m.Method.FullName == fullName);
        var context = TestServerCallContext.WithToken(token, fullName);
        UnaryServerMethod<TRequest, TResponse> handler = (req, ctx) =>
            (Task<TResponse>)method.Implementation!.Invoke(Service(method.ServiceType), [req, ctx])!;
        return ExceptionMapping.UnaryServerHandler(
            request, context, (req, ctx) => Authorization.UnaryServerHandler(req, ctx, handler));
    }

    /// <summary>
    /// Calls server-streaming RPC <paramref name="fullName"/> through the interceptors, recording what it writes;
    /// <paramref name="cancellationToken"/> plays the caller cancelling (or its deadline passing).
    /// </summary>
    public Task InvokeServerStreamingAsync<TRequest, TResponse>(
        string fullName, TRequest request, IServerStreamWriter<TResponse> responses, string? token, CancellationToken cancellationToken = default)
        where TRequest : class where TResponse : class
    {
        var method = ApiCatalog.Default.Methods.Single(m => m.Method.FullName == fullName);
        var context = TestServerCallContext.WithToken(token, fullName, cancellationToken);
        ServerStreamingServerMethod<TRequest, TResponse> handler = (req, writer, ctx) =>
            (Task)method.Implementation!.Invoke(Service(method.ServiceType), [req, writer, ctx])!;
        return ExceptionMapping.ServerStreamingServerHandler(
            request, responses, context, (req, writer, ctx) => Authorization.ServerStreamingServerHandler(req, writer, ctx, handler));
    }

    /// <summary>Calls bidirectional-streaming RPC <paramref name="fullName"/> through the interceptors.</summary>
    public Task InvokeDuplexAsync<TRequest, TResponse>(
        string fullName, IAsyncStreamReader<TRequest> requests, IServerStreamWriter<TResponse> responses, string? token)
        where TRequest : class where TResponse : class
    {
        var method = ApiCatalog.Default.Methods.Single(m => m.Method.FullName == fullName);
        var context = TestServerCallContext.WithToken(token, fullName);
        DuplexStreamingServerMethod<TRequest, TResponse> handler = (reader, writer, ctx) =>
            (Task)method.Implementation!.Invoke(Service(method.ServiceType), [reader, writer, ctx])!;
        return ExceptionMapping.DuplexStreamingServerHandler(
            requests, responses, context, (reader, writer, ctx) => Authorization.DuplexStreamingServerHandler(reader, writer, ctx, handler));
    }

    /// <summary>Like <see cref="InvokeAsync"/> for a request type known only at run time; returns the response or throws the RpcException.</summary>
    public async Task<object> InvokeUntypedAsync(string fullName, object request, string? token)
    {
        var method = ApiCatalog.Default.Methods.Single(m => m.Method.FullName == fullName);
        var invoke = typeof(ApiTestHost).GetMethod(nameof(InvokeAsync))!
            .MakeGenericMethod(request.GetType(), method.Implementation!.ReturnType.GetGenericArguments()[0]);
        try
        {
            var task = (Task)invoke.Invoke(this, [fullName, request, token])!;
            await task;
            return task.GetType().GetProperty("Result")!.GetValue(task)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }

    public static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
