using System.Net;
using System.Net.Sockets;

namespace CryptoFunk.Tests.Support;

/// <summary>Ports on 127.0.0.1 that nothing listens on, for silos a test starts.</summary>
internal static class LoopbackPort
{
    /// <summary><paramref name="count"/> distinct ports free now (the system's choice of ephemeral ports, all held until each is chosen).</summary>
    public static int[] Free(int count)
    {
        var probes = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            probes.ForEach(p => p.Start());
            return [.. probes.Select(p => ((IPEndPoint)p.LocalEndpoint).Port)];
        }
        finally
        {
            probes.ForEach(p => p.Stop());
        }
    }
}
