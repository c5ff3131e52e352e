using CryptoFunk.Cluster.Paper.Wire;
using CryptoFunk.Engine.Paper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;

namespace CryptoFunk.Cluster.Paper;

/// <summary>
/// What a silo and a client need for the paper grains, on top of the program's services (the engine's, which the
/// grains take their decision maker, store and options from): the codec their messages travel with, and a response
/// timeout a close with slow models fits in.
/// </summary>
public static class PaperGrainsHosting
{
    /// <summary>The longest a grain call of a close may take: every market's decision (each stage has its own deadline) and its store write.</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Hosts the paper grains in <paramref name="silo"/>; the program's paper accounts trade in them.</summary>
    public static ISiloBuilder AddPaperGrains(this ISiloBuilder silo)
    {
        silo.Services.Replace(ServiceDescriptor.Singleton<IPaperAccountHost>(services => Host(services, isClient: true)));
        silo.Services.AddSerializer(AddCodec);
        silo.Services.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = StepTimeout);
        return silo;
    }

    /// <summary>Lets <paramref name="client"/> call the paper grains; the program's paper accounts trade in the cluster's.</summary>
    public static IClientBuilder AddPaperGrainsClient(this IClientBuilder client)
    {
        client.Services.Replace(ServiceDescriptor.Singleton<IPaperAccountHost>(services => Host(services, isClient: true)));
        client.Services.AddSerializer(AddCodec);
        client.Services.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = StepTimeout);
        return client;
    }

    private static GrainPaperAccountHost Host(IServiceProvider services, bool isClient) => new(
        services.GetRequiredService<IGrainFactory>(), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<GrainPaperAccountHost>>(), isClient);

    /// <summary>Carries CryptoFunk's own types through Orleans' System.Text.Json codec with <see cref="PaperGrainJson"/>'s options.</summary>
    internal static void AddCodec(ISerializerBuilder serializer) =>
        serializer.AddJsonSerializer(PaperGrainJson.Carries, PaperGrainJson.Carries, options => options.Configure(codec => PaperGrainJson.Configure(codec.SerializerOptions)));
}
