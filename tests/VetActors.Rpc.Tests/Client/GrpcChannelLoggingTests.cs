using Grpc.Core;
using Microsoft.Extensions.Logging;
using VetActors.Rpc.Client;
using VetActors.Rpc.Tests.Echo;
using VetActors.Rpc.Tests.Infrastructure;

namespace VetActors.Rpc.Tests.Client;

/// <summary>The channel logs through the factory it is given.</summary>
public sealed class GrpcChannelLoggingTests
{
    [Fact]
    public async Task FailedCall_LogsStartAndStatusWithEventIds()
    {
        await using var server = await FakeGrpcServer.StartAsync(context =>
        {
            FakeGrpcServer.TrailersOnly(context, "14", "try later");
            return Task.CompletedTask;
        });
        var provider = new RecordingLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(provider).SetMinimumLevel(LogLevel.Debug));
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { LoggerFactory = factory });

        await Assert.ThrowsAsync<RpcException>(() => new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest()).ResponseAsync);

        Assert.Contains(provider.Entries, e => e.EventId == 2100 && e.Message.Contains("/vetactors.rpc.tests.EchoService/Echo", StringComparison.Ordinal));
        Assert.Contains(provider.Entries, e => e.EventId == 2102 && e.Message.Contains("Unavailable", StringComparison.Ordinal) && e.Message.Contains("try later", StringComparison.Ordinal));
    }

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        private readonly List<(int EventId, string Message)> _entries = [];

        public IReadOnlyList<(int EventId, string Message)> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(RecordingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner._entries)
                {
                    owner._entries.Add((eventId.Id, formatter(state, exception)));
                }
            }
        }
    }
}
