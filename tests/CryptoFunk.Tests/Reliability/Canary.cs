using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CryptoFunk.Tests.Reliability;

/// <summary>
/// A recognisable fake secret (<c>sk-CANARY-...</c>) ending in a random tag, and every form in which it could leak:
/// as written, URL-encoded, JSON- and HTML-escaped, and in base64 (standard and URL alphabets, at each of the three
/// alignments it can take inside a longer encoded text); the tag alone in each form too, so part of a key is caught.
/// </summary>
internal sealed class Canary
{
    private Canary(string name, string value, string tag)
    {
        Name = name;
        Value = value;
        Forms = [.. FormsOf("whole", value), .. FormsOf("tag", tag)];
    }

    /// <summary>What the secret is, e.g. <c>provider 0 API key</c>.</summary>
    public string Name { get; }

    /// <summary>The secret.</summary>
    public string Value { get; }

    /// <summary>Each form's name, bytes, and whether it is compared ignoring ASCII case (base64 is not).</summary>
    public IReadOnlyList<(string Form, byte[] Bytes, bool IgnoreCase)> Forms { get; }

    /// <summary>A new canary: <paramref name="prefix"/> followed by a random tag of 16 hex digits.</summary>
    public static Canary Create(string name, string prefix)
    {
        var tag = Guid.NewGuid().ToString("N")[..16];
        return new Canary(name, prefix + tag, tag);
    }

    private static IEnumerable<(string, byte[], bool)> FormsOf(string part, string text)
    {
        var textual = new[]
        {
            ("raw", text),
            ("url-encoded", Uri.EscapeDataString(text)),
            ("form-encoded", WebUtility.UrlEncode(text)),
            ("json-escaped", JsonEncodedText.Encode(text).ToString()),
            ("html-escaped", HtmlEncoder.Default.Encode(text)),
        };
        foreach (var (form, value) in textual.DistinctBy(f => f.Item2.ToUpperInvariant()))
        {
            yield return ($"{part} {form}", Encoding.UTF8.GetBytes(value.ToLowerInvariant()), true);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        for (var shift = 0; shift < 3; shift++)
        {
            var shifted = new byte[shift + bytes.Length];
            bytes.CopyTo(shifted, shift);
            var encoded = Convert.ToBase64String(shifted);

            // Only the characters that come from the secret's own bits: not those mixed with what precedes it, nor
            // the last group, which mixes with what follows.
            var own = encoded[(shift == 0 ? 0 : shift + 1)..(shifted.Length / 3 * 4)];
            yield return ($"{part} base64+{shift}", Encoding.ASCII.GetBytes(own), false);
            if (own.AsSpan().IndexOfAny('+', '/') >= 0)
            {
                yield return ($"{part} base64url+{shift}", Encoding.ASCII.GetBytes(own.Replace('+', '-').Replace('/', '_')), false);
            }
        }
    }
}
