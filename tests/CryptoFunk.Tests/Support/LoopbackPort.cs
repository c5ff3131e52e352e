using System.Net;
using System.Net.Sockets;

namespace CryptoFunk.Tests.Support;

/// <summary>Ports on 127.0.0.1 that nothing listens on, for silos a test starts.</summary>
internal static class LoopbackPort
{
    /// <summary>A port free now (the system's choice of an ephemeral port).</summary>
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
