using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors.Storage;
using VetActors.Actors.Testing;
using VetActors.Grains.Conversations;

namespace VetActors.Grains.Tests.Conversations;

/// <summary>A silo holding the conversation grains, on a manual clock, over storage that really suspends.</summary>
internal static class ConversationClusters
{
    internal static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    internal static Task<TestCluster> StartAsync()
    {
        var storage = new InMemoryGrainStorage();
        return new TestClusterBuilder { TimeProvider = new ManualTimeProvider(Start) }
            .AddGrain<ConversationGrain>()
            .AddGrain<ClientConversationsGrain>()
            .ConfigureServices(services => services.AddSingleton<IGrainStorage>(new YieldingGrainStorage(storage)))
            .BuildAndStartAsync();
    }
}
