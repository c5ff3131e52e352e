using System.Text;

namespace CryptoFunk.Tests.Reliability;

/// <summary>
/// Looks for every form of a set of <see cref="Canary"/> secrets in what a program wrote, sink by sink, and keeps
/// how many bytes each sink held and where any secret turned up.
/// </summary>
internal sealed class LeakScan(IReadOnlyList<Canary> canaries)
{
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly List<string> _leaks = [];

    /// <summary>Bytes scanned per sink, in the order the sinks were first scanned.</summary>
    public IReadOnlyDictionary<string, long> BytesBySink => _bytes;

    /// <summary>Each secret found: which, in which form, in which sink, and the text around it.</summary>
    public IReadOnlyList<string> Leaks => _leaks;

    /// <summary>Scans <paramref name="text"/> as UTF-8 under <paramref name="sink"/>.</summary>
    public void Scan(string sink, string text) => Scan(sink, Encoding.UTF8.GetBytes(text));

    /// <summary>Scans <paramref name="content"/> under <paramref name="sink"/>.</summary>
    public void Scan(string sink, byte[] content)
    {
        _bytes[sink] = _bytes.GetValueOrDefault(sink) + content.Length;
        var folded = content.Select(b => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b).ToArray();
        foreach (var canary in canaries)
        {
            foreach (var (form, needle, ignoreCase) in canary.Forms)
            {
                var at = (ignoreCase ? folded : content).AsSpan().IndexOf(needle);
                if (at >= 0)
                {
                    var from = Math.Max(0, at - 60);
                    var around = Encoding.UTF8.GetString(content, from, Math.Min(content.Length, at + needle.Length + 60) - from);
                    _leaks.Add($"{canary.Name} ({form}) in {sink} at byte {at}: ...{around}...");
                }
            }
        }
    }
}
