using System.Net;
using System.Net.Sockets;
using CryptoFunk.Agents.Caching;
using CryptoFunk.Cluster.Paper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Clustering.Redis;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace CryptoFunk.Cluster.Hosting;

/// <summary>
/// Puts Orleans into the program's own generic host, so grains resolve the program's services (the decision maker, the
/// store, the backtest runner). Only commands that need a silo or a client call these; the rest start no Orleans.
/// The <c>Cluster</c> settings are read when the silo or client starts, after they were validated (one line naming
/// the key, exit code 2), never while the host is built.
/// </summary>
public static class ClusterHostingExtensions
{
    /// <summary>What <see cref="RequireClusterConnection"/> says when no cluster is configured.</summary>
    public const string MissingConnection =
        $"{CryptoFunkClusterOptions.ConnectionStringKey} (--cluster) is not set: give the cluster's PostgreSQL connection string (or, with Cluster:Provider=redis, its Redis configuration)";

    /// <summary>Binds and validates the <c>Cluster</c> section (every command may show it; only silos and clients use it).</summary>
    public static IServiceCollection AddCryptoFunkClusterOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CryptoFunkClusterOptions>().Bind(configuration.GetSection(CryptoFunkClusterOptions.Section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CryptoFunkClusterOptions>, CryptoFunkClusterOptionsValidator>());
        return services;
    }

    /// <summary>
    /// Hosts a silo in this process. Without <c>Cluster:ConnectionString</c> it is alone and private (localhost
    /// clustering on a free loopback port, no gateway: nothing to install, no port to choose); with it, it joins the
    /// cluster through PostgreSQL or Redis at <c>Cluster:AdvertisedAddress</c>, <c>SiloPort</c> and <c>GatewayPort</c>,
    /// creating Orleans' PostgreSQL tables first when they are missing, and logs when it joined and when it left.
    /// Either way it hosts the paper grains (<see cref="PaperGrainsHosting.AddPaperGrains"/>).
    /// </summary>
    public static IHostApplicationBuilder AddCryptoFunkSilo(this IHostApplicationBuilder builder)
    {
        var (shared, provider) = Clustering(builder.Configuration);
        builder.Services.AddOptions<CryptoFunkClusterOptions>().ValidateOnStart();
        builder.Services.AddHostedService<PostgresClusteringInstaller>();
        builder.UseOrleans(silo =>
        {
            silo.AddPaperGrains();
            if (!shared)
            {
                silo.UseLocalhostClustering(siloPort: FreeLoopbackPort(), gatewayPort: 0);
                return;
            }

            silo.Services.AddOptions<ClusterOptions>().Configure<IOptions<CryptoFunkClusterOptions>>((orleans, ours) => Identify(orleans, ours.Value));
            silo.Configure<SiloOptions>(o => o.SiloName = $"{Environment.MachineName}-{Environment.ProcessId}");
            silo.Services.AddOptions<EndpointOptions>().Configure<IOptions<CryptoFunkClusterOptions>>((endpoints, ours) =>
            {
                endpoints.AdvertisedIPAddress = IPAddress.Parse(ours.Value.AdvertisedAddress);
                endpoints.SiloPort = ours.Value.SiloPort;
                endpoints.GatewayPort = ours.Value.GatewayPort;
            });
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloMembershipLog>();
            switch (provider)
            {
                case ClusterProviders.Postgres:
                    silo.UseAdoNetClustering((OptionsBuilder<AdoNetClusteringSiloOptions> options) => options.Configure<IOptions<CryptoFunkClusterOptions>>((adoNet, ours) =>
                    {
                        adoNet.Invariant = PostgresClustering.Invariant;
                        adoNet.ConnectionString = PostgresClustering.ConnectionString(ours.Value.ConnectionString!);
                    }));
                    break;
                case ClusterProviders.Redis:
                    silo.UseRedisClustering(_ => { });
                    silo.Services.AddOptions<RedisClusteringOptions>().Configure<IOptions<CryptoFunkClusterOptions>>(Redis);
                    break;
            }
        });
        return builder;
    }

    /// <summary>
    /// Connects this process to the cluster named by <c>Cluster:ConnectionString</c> as a client (it submits work and
    /// asks for the cluster's state; grains run on the silos; it can call the paper grains). Without a connection the start fails with
    /// <see cref="MissingConnection"/>.
    /// </summary>
    public static IHostApplicationBuilder AddCryptoFunkClusterClient(this IHostApplicationBuilder builder)
    {
        var (_, provider) = Clustering(builder.Configuration);
        builder.Services.AddOptions<CryptoFunkClusterOptions>().RequireClusterConnection();
        builder.Services.AddHostedService<PostgresClusteringInstaller>();
        builder.UseOrleansClient(client =>
        {
            client.AddPaperGrainsClient();
            client.Services.AddOptions<ClusterOptions>().Configure<IOptions<CryptoFunkClusterOptions>>((orleans, ours) => Identify(orleans, ours.Value));
            client.UseConnectionRetryFilter<ClusterConnectionRetry>();
            switch (provider)
            {
                case ClusterProviders.Postgres:
                    client.UseAdoNetClustering((OptionsBuilder<AdoNetClusteringClientOptions> options) => options.Configure<IOptions<CryptoFunkClusterOptions>>((adoNet, ours) =>
                    {
                        adoNet.Invariant = PostgresClustering.Invariant;
                        adoNet.ConnectionString = ours.Value.IsShared ? PostgresClustering.ConnectionString(ours.Value.ConnectionString!) : string.Empty;
                    }));
                    break;
                case ClusterProviders.Redis:
                    client.UseRedisClustering(_ => { });
                    client.Services.AddOptions<RedisClusteringOptions>().Configure<IOptions<CryptoFunkClusterOptions>>(Redis);
                    break;
            }
        });
        return builder;
    }

    /// <summary>Fails the start with <see cref="MissingConnection"/> (exit code 2) unless a cluster connection is configured.</summary>
    public static OptionsBuilder<CryptoFunkClusterOptions> RequireClusterConnection(this OptionsBuilder<CryptoFunkClusterOptions> options) =>
        options.Validate(o => o.IsShared, MissingConnection).ValidateOnStart();

    /// <summary>
    /// Whether a cluster is configured and through which store, read as plain text while the host is built (a bad
    /// value is reported by the validator at start, before Orleans starts).
    /// </summary>
    private static (bool Shared, string? Provider) Clustering(IConfiguration configuration)
    {
        var section = configuration.GetSection(CryptoFunkClusterOptions.Section);
        return (!string.IsNullOrWhiteSpace(section[nameof(CryptoFunkClusterOptions.ConnectionString)]),
            section[nameof(CryptoFunkClusterOptions.Provider)] ?? ClusterProviders.Postgres);
    }

    private static void Identify(ClusterOptions orleans, CryptoFunkClusterOptions ours)
    {
        orleans.ClusterId = ours.ClusterId;
        orleans.ServiceId = ours.ServiceId;
    }

    private static void Redis(RedisClusteringOptions redis, IOptions<CryptoFunkClusterOptions> ours)
    {
        if (ours.Value.IsShared)
        {
            redis.ConfigurationOptions = RedisConnectionString.Options(ours.Value.ConnectionString!);
        }
    }

    /// <summary>A loopback port nothing listens on now, for a private silo (the gap before the silo binds it is tiny).</summary>
    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
